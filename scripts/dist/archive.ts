/**
 * Per-target archives: `.tar.gz` (system `tar`, present on every build host we use) for Linux and
 * macOS, `.zip` (fflate) for Windows. Each holds the binary alone, named `spec-kitty[.exe]`.
 */
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { writeFileAtomic } from "../../src/core/fs/atomic.ts";

export function packTarGz(binary: string, archive: string, inner: string): void {
  const stage = mkdtempSync(join(tmpdir(), "sk-pack-"));
  try {
    copyFileSync(binary, join(stage, inner));
    chmodSync(join(stage, inner), 0o755);
    const tar = Bun.spawnSync(["tar", "-czf", archive, "-C", stage, inner], { stderr: "pipe" });
    if (tar.exitCode !== 0) throw new Error(`tar failed for ${archive}: ${tar.stderr.toString()}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export function packZip(binary: string, archive: string, inner: string): void {
  const mtime = statSync(binary).mtime;
  const zipped = zipSync(
    // os 3 = Unix, so unzip on Linux/macOS keeps the executable bit; Windows ignores it.
    { [inner]: [readFileSync(binary), { level: 9, mtime, os: 3, attrs: (0o100755 << 16) >>> 0 }] },
  );
  writeFileAtomic(archive, zipped);
}
