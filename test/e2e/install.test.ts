/**
 * scripts/install.sh against a local directory of built archives (SPEC_KITTY_INSTALL_FROM), no network.
 * Run with `dash` where available so the script is held to POSIX sh, not bash.
 */
import { describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { binaryName, TARGETS, targetName } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { writeReleaseAssets } from "../../scripts/dist/assets.ts";
import { releaseSite } from "../../scripts/dist/config.ts";
import { tempDir } from "../support/fs.ts";
import { BIN } from "../support/run.ts";

const SCRIPT = join(import.meta.dir, "..", "..", "scripts", "install.sh");
const SHELL = Bun.which("dash") ?? "/bin/sh";

/** A release directory whose Linux archives all hold the host binary (whatever variant gets detected). */
function localRelease(): string {
  const dir = tempDir("sk-install-from-");
  const linux = TARGETS.filter((t) => t.os === "linux");
  for (const t of linux) copyFileSync(BIN, join(dir, binaryName(t)));
  writeReleaseAssets(
    dir,
    linux.map((t) => ({
      os: t.os,
      arch: t.arch,
      variant: t.variant,
      name: targetName(t),
      binary: binaryName(t),
    })),
    pkg.version,
    releaseSite(),
  );
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

const onLinux = process.platform === "linux";

describe("install.sh", () => {
  test.if(onLinux)("detects this machine, verifies the checksum and installs a binary that runs", () => {
    const into = join(tempDir("sk-install-to-"), "bin");
    const r = install(localRelease(), into);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/installing spec-kitty-linux-(x64|arm64)[a-z-]*\.tar\.gz from /);
    const run = Bun.spawnSync([join(into, "spec-kitty"), "--version"]);
    expect(run.stdout.toString().trim()).toBe(`spec-kitty ${pkg.version}`);
    expect(r.stdout).toContain(`installed spec-kitty ${pkg.version} to ${into}/spec-kitty`);
  });

  test.if(onLinux)("SPEC_KITTY_INSTALL_TARGET picks a specific archive (e.g. musl)", () => {
    const into = tempDir("sk-install-to-");
    const r = install(localRelease(), into, { SPEC_KITTY_INSTALL_TARGET: "linux-x64-musl" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("installing spec-kitty-linux-x64-musl.tar.gz");
  });

  test("one corrupted byte in the archive: install refused, nothing installed", () => {
    const from = localRelease();
    const archive = join(from, "spec-kitty-linux-x64.tar.gz");
    const bytes = readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(archive, bytes);
    const into = tempDir("sk-install-to-");
    const r = install(from, into, { SPEC_KITTY_INSTALL_TARGET: "linux-x64" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("checksum mismatch for spec-kitty-linux-x64.tar.gz");
    expect(r.stderr).toContain("refusing to install");
    expect(existsSync(join(into, "spec-kitty"))).toBe(false);
  });

  test("an archive missing from SHA256SUMS is refused", () => {
    const from = localRelease();
    const sums = readFileSync(join(from, "SHA256SUMS"), "utf8");
    writeFileSync(
      join(from, "SHA256SUMS"),
      sums
        .split("\n")
        .filter((l) => !l.endsWith(" spec-kitty-linux-x64.tar.gz"))
        .join("\n"),
    );
    const into = tempDir("sk-install-to-");
    const r = install(from, into, { SPEC_KITTY_INSTALL_TARGET: "linux-x64" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SHA256SUMS has no entry for spec-kitty-linux-x64.tar.gz");
    expect(existsSync(join(into, "spec-kitty"))).toBe(false);
  });

  test("a missing archive in the source directory is an error", () => {
    const r = install(tempDir("sk-empty-"), tempDir("sk-install-to-"), {
      SPEC_KITTY_INSTALL_TARGET: "linux-x64",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SHA256SUMS not found");
  });
});
