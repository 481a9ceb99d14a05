/**
 * Release assets: archives, SHA256SUMS, the Homebrew formula and the Scoop manifest, generated from the
 * target list. The per-target "binaries" here are small stand-ins with distinct bytes (a full cross
 * build is a release step, not a test step); one test runs `build.ts --targets linux-x64` for real.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { binaryName, findTargets, TARGETS, targetName } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { type BuiltTarget, writeReleaseAssets } from "../../scripts/dist/assets.ts";
import { parseSums, sha256File } from "../../scripts/dist/checksums.ts";
import { DEFAULT_REPOSITORY, releaseSite } from "../../scripts/dist/config.ts";
import { tempDir } from "../support/fs.ts";

const ROOT = join(import.meta.dir, "..", "..");

function fakeRelease(): { dist: string; built: BuiltTarget[] } {
  const dist = tempDir("sk-dist-");
  const built = TARGETS.map((t) => {
    writeFileSync(join(dist, binaryName(t)), `#!/bin/sh\necho "spec-kitty ${targetName(t)}"\n`);
    return { os: t.os, arch: t.arch, variant: t.variant, name: targetName(t), binary: binaryName(t) };
  });
  writeReleaseAssets(dist, built, "3.1.1-rc.1", releaseSite());
  return { dist, built };
}

const release = fakeRelease();
const sums = parseSums(readFileSync(join(release.dist, "SHA256SUMS"), "utf8"));
const base = `https://github.com/${DEFAULT_REPOSITORY}/releases/download/v3.1.1-rc.1`;

describe("release assets", () => {
  test("one archive per target; SHA256SUMS covers every archive, binary and install.sh with correct digests", () => {
    const expected = [
      ...release.built.flatMap((t) => [t.binary, `${t.name}${t.os === "windows" ? ".zip" : ".tar.gz"}`]),
      "install.sh",
    ];
    expect(Object.keys(sums).sort()).toEqual(expected.sort());
    for (const [name, digest] of Object.entries(sums))
      expect(sha256File(join(release.dist, name))).toBe(digest);
  });

  test("a .tar.gz holds the binary alone as an executable named spec-kitty", () => {
    const list = Bun.spawnSync(["tar", "-tvzf", join(release.dist, "spec-kitty-linux-x64.tar.gz")]);
    const lines = list.stdout.toString().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^-rwxr-xr-x .* spec-kitty$/);
  });

  test("the Windows .zip holds spec-kitty.exe with the binary's bytes", () => {
    const files = unzipSync(readFileSync(join(release.dist, "spec-kitty-windows-x64.zip")));
    expect(Object.keys(files)).toEqual(["spec-kitty.exe"]);
    const exe = readFileSync(join(release.dist, "spec-kitty-windows-x64.exe"));
    expect(Buffer.from(files["spec-kitty.exe"] as Uint8Array).equals(exe)).toBe(true);
  });

  test("the Homebrew formula: a Formula class, macOS and Linux × ARM and Intel, url + sha256 from SHA256SUMS", () => {
    const ruby = readFileSync(join(release.dist, "spec-kitty.rb"), "utf8");
    // Structural check: balanced do/def/class … end, and the expected nesting.
    const opens = ruby.split("\n").filter((l) => /^\s*(class .* < Formula|def \w+|.* do)\s*$/.test(l)).length;
    const ends = ruby.split("\n").filter((l) => /^\s*end\s*$/.test(l)).length;
    expect(opens).toBe(ends);
    expect(ruby).toMatch(/^class SpecKitty < Formula$/m);
    expect(ruby).toContain('  version "3.1.1-rc.1"');
    expect(ruby).toContain('    bin.install "spec-kitty"');
    const blocks = [...ruby.matchAll(/ {2}(on_macos|on_linux) do\n([\s\S]*?)\n {2}end/g)];
    expect(blocks.map((m) => m[1])).toEqual(["on_macos", "on_linux"]);
    for (const [, os, body] of blocks) {
      const pairs = [
        ...(body as string).matchAll(
          / {4}(on_arm|on_intel) do\n {6}url "([^"]+)"\n {6}sha256 "([0-9a-f]{64})"\n {4}end/g,
        ),
      ];
      expect(pairs.map((p) => p[1])).toEqual(["on_arm", "on_intel"]);
      for (const [, arch, url, sha] of pairs) {
        const archive = `spec-kitty-${os === "on_macos" ? "darwin" : "linux"}-${arch === "on_arm" ? "arm64" : "x64"}.tar.gz`;
        expect(url).toBe(`${base}/${archive}`);
        expect(sha).toBe(sums[archive] as string);
      }
    }
    expect(ruby).not.toContain("musl");
  });

  test("the Scoop manifest has version, 64bit url/hash, bin, checkver and autoupdate", () => {
    const manifest = JSON.parse(readFileSync(join(release.dist, "spec-kitty.json"), "utf8"));
    expect(manifest).toMatchObject({
      version: "3.1.1-rc.1",
      bin: "spec-kitty.exe",
      license: "MIT",
      architecture: {
        "64bit": { url: `${base}/spec-kitty-windows-x64.zip`, hash: sums["spec-kitty-windows-x64.zip"] },
      },
      checkver: { github: `https://github.com/${DEFAULT_REPOSITORY}` },
      autoupdate: {
        architecture: {
          "64bit": {
            url: `https://github.com/${DEFAULT_REPOSITORY}/releases/download/v$version/spec-kitty-windows-x64.zip`,
          },
        },
        hash: { url: "$baseurl/SHA256SUMS" },
      },
    });
  });

  test("install.sh is a release asset (the README's download), executable, identical to scripts/install.sh", () => {
    const shipped = join(release.dist, "install.sh");
    expect(readFileSync(shipped, "utf8")).toBe(readFileSync(join(ROOT, "scripts", "install.sh"), "utf8"));
    expect(statSync(shipped).mode & 0o111).toBe(0o111);
  });

  test("install.sh downloads from the same repository the manifests point at", () => {
    const script = readFileSync(join(ROOT, "scripts", "install.sh"), "utf8");
    expect(script).toContain(`REPOSITORY="${DEFAULT_REPOSITORY}"`);
    // install.sh knows every non-Windows archive name the build produces.
    for (const t of TARGETS.filter((t) => t.os !== "windows")) {
      expect(existsSync(join(release.dist, `${targetName(t)}.tar.gz`))).toBe(true);
    }
  });

  test("--targets names map onto TARGETS; unknown names are refused", () => {
    expect(findTargets("linux-x64,darwin-arm64").map(targetName)).toEqual([
      "spec-kitty-linux-x64",
      "spec-kitty-darwin-arm64",
    ]);
    expect(() => findTargets("linux-sparc")).toThrow(/unknown target 'linux-sparc'/);
  });

  // A real compile (the runtime comes from npm on first use, then from node_modules/.cache).
  test("bun run build.ts --targets linux-x64 --out DIR builds a runnable binary and its assets", () => {
    const out = tempDir("sk-build-");
    const build = Bun.spawnSync(
      [process.execPath, "run", "build.ts", "--targets", "linux-x64", "--out", out],
      {
        cwd: ROOT,
        stdout: "pipe",
        stderr: "pipe",
      },
    );
    expect(build.exitCode, build.stderr.toString()).toBe(0);
    const built = parseSums(readFileSync(join(out, "SHA256SUMS"), "utf8"));
    expect(Object.keys(built).sort()).toEqual([
      "install.sh",
      "spec-kitty-linux-x64",
      "spec-kitty-linux-x64.tar.gz",
    ]);
    expect(existsSync(join(out, "spec-kitty.rb"))).toBe(true);
    expect(existsSync(join(out, "spec-kitty.json"))).toBe(false);
    if (process.platform === "linux" && process.arch === "x64") {
      const run = Bun.spawnSync([join(out, "spec-kitty-linux-x64"), "--version"]);
      expect(run.stdout.toString().trim()).toBe(`spec-kitty ${pkg.version}`);
    }
  }, 300_000);
});
