/**
 * scripts/install.sh against a local directory of archives (SPEC_KITTY_INSTALL_FROM), no network.
 * Run with `dash` where available so the script is held to POSIX sh, not bash.
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTargets, targetName } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { writeReleaseAssets } from "../../scripts/dist/assets.ts";
import { releaseSite } from "../../scripts/dist/config.ts";
import { tempDir } from "../support/fs.ts";
import { BIN } from "../support/run.ts";

const SCRIPT = join(import.meta.dir, "..", "..", "scripts", "install.sh");
const SHELL = Bun.which("dash") ?? "/bin/sh";

/**
 * A release directory holding archives for `targets` (names like linux-x64-musl). The real host binary
 * is packed when `binary` is given; otherwise a tiny stand-in script that answers --version.
 */
function localRelease(targets: string[], binary?: string): string {
  const dir = tempDir("sk-install-from-");
  const built = findTargets(targets.join(",")).map((t) => {
    const file = targetName(t);
    if (binary) writeFileSync(join(dir, file), readFileSync(binary));
    else writeFileSync(join(dir, file), `#!/bin/sh\necho "spec-kitty 0.0.0-${file}"\n`);
    chmodSync(join(dir, file), 0o755);
    return { os: t.os, arch: t.arch, variant: t.variant, name: file, binary: file };
  });
  writeReleaseAssets(dir, built, pkg.version, releaseSite());
  return dir;
}

function install(from: string, into: string, extra: Record<string, string> = {}) {
  const proc = Bun.spawnSync([SHELL, SCRIPT], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: tempDir("sk-home-"),
      SPEC_KITTY_INSTALL_FROM: from,
      SPEC_KITTY_INSTALL_DIR: into,
      ...extra,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

const onUnix = process.platform === "linux" || process.platform === "darwin";

describe("install.sh", () => {
  test.if(onUnix)(
    "detects this machine, verifies the checksum and installs the real binary, which runs",
    () => {
      // An empty source fails after printing the archive it chose: that is the detection result.
      const probe = install(tempDir("sk-empty-"), tempDir("sk-install-to-"));
      const detected = /installing spec-kitty-([a-z0-9-]+)\.tar\.gz from /.exec(probe.stdout)?.[1];
      expect(detected).toMatch(/^(linux|darwin)-(x64|arm64)(-musl)?(-baseline)?$/);
      expect(detected?.startsWith(`${process.platform}-${process.arch}`)).toBe(true);

      const into = join(tempDir("sk-install-to-"), "bin");
      const r = install(localRelease([detected as string], BIN), into);
      expect(r.code, r.stderr).toBe(0);
      const run = Bun.spawnSync([join(into, "spec-kitty"), "--version"]);
      expect(run.stdout.toString().trim()).toBe(`spec-kitty ${pkg.version}`);
      expect(r.stdout).toContain(`installed spec-kitty ${pkg.version} to ${into}/spec-kitty`);
    },
    120_000,
  );

  test("SPEC_KITTY_INSTALL_TARGET picks a specific archive (e.g. musl)", () => {
    const into = tempDir("sk-install-to-");
    const r = install(localRelease(["linux-x64", "linux-x64-musl"]), into, {
      SPEC_KITTY_INSTALL_TARGET: "linux-x64-musl",
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("installing spec-kitty-linux-x64-musl.tar.gz");
    expect(readFileSync(join(into, "spec-kitty"), "utf8")).toContain("spec-kitty-linux-x64-musl");
  });

  test("one corrupted byte in the archive: install refused, nothing installed", () => {
    const from = localRelease(["linux-x64"]);
    const archive = join(from, "spec-kitty-linux-x64.tar.gz");
    const bytes = readFileSync(archive);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0x01;
    writeFileSync(archive, bytes);
    const into = tempDir("sk-install-to-");
    const r = install(from, into, { SPEC_KITTY_INSTALL_TARGET: "linux-x64" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("checksum mismatch for spec-kitty-linux-x64.tar.gz");
    expect(r.stderr).toContain("refusing to install");
    expect(existsSync(join(into, "spec-kitty"))).toBe(false);
  });

  test("an archive missing from SHA256SUMS is refused", () => {
    const from = localRelease(["linux-x64"]);
    const sums = readFileSync(join(from, "SHA256SUMS"), "utf8");
    const kept = sums.split("\n").filter((line) => !line.endsWith(" spec-kitty-linux-x64.tar.gz"));
    writeFileSync(join(from, "SHA256SUMS"), kept.join("\n"));
    const into = tempDir("sk-install-to-");
    const r = install(from, into, { SPEC_KITTY_INSTALL_TARGET: "linux-x64" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SHA256SUMS has no entry for spec-kitty-linux-x64.tar.gz");
    expect(existsSync(join(into, "spec-kitty"))).toBe(false);
  });

  test("a source directory without the files is an error", () => {
    const r = install(tempDir("sk-empty-"), tempDir("sk-install-to-"), {
      SPEC_KITTY_INSTALL_TARGET: "linux-x64",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SHA256SUMS not found");
  });
});
