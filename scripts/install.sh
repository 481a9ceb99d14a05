#!/bin/sh
# Installs the spec-kitty binary for this machine.
#
#   curl -fsSL https://github.com/spec-kitty/spec-kitty-bun/releases/latest/download/install.sh | sh
#
# It picks the archive for this OS and CPU (Linux glibc or musl, with a "baseline" build for x64 CPUs
# without AVX2; macOS Intel or Apple silicon), downloads it with SHA256SUMS, and refuses to install
# unless the archive's SHA-256 matches. Windows: use Scoop (spec-kitty.json in the release).
#
# Environment:
#   SPEC_KITTY_VERSION         version to install, e.g. 3.1.1 (default: the latest release)
#   SPEC_KITTY_INSTALL_FROM    where the archives and SHA256SUMS are: a URL or a local directory
#   SPEC_KITTY_INSTALL_DIR     where the binary goes (default: $HOME/.local/bin)
#   SPEC_KITTY_INSTALL_TARGET  skip detection, e.g. linux-x64-musl or darwin-arm64
set -eu

REPOSITORY="spec-kitty/spec-kitty-bun"

say() { printf '%s\n' "$*"; }
die() {
  printf 'install.sh: error: %s\n' "$*" >&2
  exit 1
}

detect_target() {
  os=$(uname -s)
  arch=$(uname -m)
  case "$os" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) die "on Windows install with Scoop (spec-kitty.json) or download the .zip" ;;
    *) die "unsupported operating system: $os" ;;
  esac
  case "$arch" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "unsupported CPU architecture: $arch" ;;
  esac
  variant=""
  if [ "$os" = darwin ] && [ "$arch" = x64 ]; then
    # An x64 shell under Rosetta on Apple silicon: the native build is the better choice.
    if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then arch=arm64; fi
  fi
  if [ "$os" = linux ]; then
    musl=""
    if ls /lib/ld-musl-*.so.1 >/dev/null 2>&1 || (ldd --version 2>&1 | grep -qi musl); then musl=musl; fi
    baseline=""
    if [ "$arch" = x64 ] && [ -r /proc/cpuinfo ] && ! grep -qw avx2 /proc/cpuinfo; then baseline=baseline; fi
    if [ "$arch" = arm64 ]; then baseline=""; fi
    variant=$(printf '%s-%s' "$musl" "$baseline" | sed 's/^-//; s/-$//')
  fi
  if [ -n "$variant" ]; then printf '%s-%s-%s' "$os" "$arch" "$variant"; else printf '%s-%s' "$os" "$arch"; fi
}

# fetch SOURCE NAME DEST: copy from a directory or download from a URL.
fetch() {
  if [ -d "$1" ]; then
    [ -f "$1/$2" ] || die "$1/$2 not found"
    cp "$1/$2" "$3"
  elif command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 -o "$3" "$1/$2" || die "could not download $1/$2"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$3" "$1/$2" || die "could not download $1/$2"
  else
    die "need curl or wget to download $1/$2"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
  else
    die "need sha256sum, shasum or openssl to verify the download; refusing to install unverified"
  fi
}

main() {
  target=${SPEC_KITTY_INSTALL_TARGET:-$(detect_target)}
  archive="spec-kitty-$target.tar.gz"
  if [ -n "${SPEC_KITTY_INSTALL_FROM:-}" ]; then
    from=${SPEC_KITTY_INSTALL_FROM%/}
  elif [ -n "${SPEC_KITTY_VERSION:-}" ]; then
    from="https://github.com/$REPOSITORY/releases/download/v${SPEC_KITTY_VERSION#v}"
  else
    from="https://github.com/$REPOSITORY/releases/latest/download"
  fi
  dir=${SPEC_KITTY_INSTALL_DIR:-${HOME:?set HOME or SPEC_KITTY_INSTALL_DIR}/.local/bin}

  work=$(mktemp -d 2>/dev/null || mktemp -d -t spec-kitty)
  trap 'rm -rf "$work"' EXIT INT TERM

  say "spec-kitty: installing $archive from $from"
  fetch "$from" SHA256SUMS "$work/SHA256SUMS"
  fetch "$from" "$archive" "$work/$archive"

  expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/SHA256SUMS")
  [ -n "$expected" ] || die "SHA256SUMS has no entry for $archive; refusing to install"
  actual=$(sha256_of "$work/$archive")
  if [ "$actual" != "$expected" ]; then
    die "checksum mismatch for $archive (expected $expected, got $actual); refusing to install"
  fi

  mkdir -p "$work/x"
  tar -xzf "$work/$archive" -C "$work/x" || die "could not unpack $archive"
  [ -f "$work/x/spec-kitty" ] || die "$archive does not contain spec-kitty"

  mkdir -p "$dir"
  # Copy next to the target, then rename: a running spec-kitty is never overwritten in place.
  cp "$work/x/spec-kitty" "$dir/.spec-kitty.$$"
  chmod 755 "$dir/.spec-kitty.$$"
  if ! version=$("$dir/.spec-kitty.$$" --version 2>&1); then
    rm -f "$dir/.spec-kitty.$$"
    die "the downloaded binary does not run on this machine ($version); try SPEC_KITTY_INSTALL_TARGET"
  fi
  mv -f "$dir/.spec-kitty.$$" "$dir/spec-kitty"

  say "spec-kitty: installed $version to $dir/spec-kitty"
  case ":${PATH:-}:" in
    *":$dir:"*) ;;
    *) say "spec-kitty: add $dir to your PATH to run it as 'spec-kitty'" ;;
  esac
}

main "$@"
