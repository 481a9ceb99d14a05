import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/**
 * Test-only fault injection: when SPEC_KITTY_FAULT=after-temp-write is set, the process dies after the
 * temp file is written and before the rename, proving a crash never leaves a half-written target.
 */
function maybeCrashBeforeRename(): void {
  if (process.env.SPEC_KITTY_FAULT === "after-temp-write") process.kill(process.pid, "SIGKILL");
}

export interface WriteOptions {
  /** Permission bits of the new file (default 0o644). */
  mode?: number;
  /**
   * fsync the data before the rename (default true). The rename alone already guarantees readers and
   * crashed processes never see a torn file; fsync adds durability across power loss at ~2 ms a file.
   * Commands that create many fresh files (init) turn it off to stay within their start-up budget.
   */
  fsync?: boolean;
}

/**
 * The one atomic-write helper: write a temp file in the same directory, fsync it, rename it over the
 * target. Readers see the old bytes or the new bytes, never a mix.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  const fd = openSync(temp, "wx", options.mode ?? 0o644);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (options.fsync !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  maybeCrashBeforeRename();
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** JSON files are written one way everywhere: 2-space indent, trailing newline. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
