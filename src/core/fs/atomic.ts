import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { currentOwner, ownerState } from "./owner.ts";
import { checkWritableTarget } from "./safe-path.ts";

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

/** A short tag of this host, so temp files of another machine (a shared folder) are never judged. */
function hostTag(): string {
  return Bun.hash.crc32(currentOwner().host).toString(16).padStart(8, "0");
}

// `.<name>.<host>-<pid>-<time>-<n>.tmp` (this version) and `.<name>.<pid>.<ms>.<n>.tmp` (earlier ones).
const TEMP = /^\..*\.([0-9a-f]{8})-(\d+)-[0-9a-z]+-\d+\.tmp$/;
const OLD_TEMP = /^\..*\.(\d+)\.\d{13}\.\d+\.tmp$/;

const swept = new Set<string>();

/**
 * Removes the temp files that writers killed between write and rename left in `dir`, once per directory
 * per process: only those of this host whose process is gone, so a live writer's temp is never touched.
 */
function sweepStaleTemps(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const tag = hostTag();
  for (const name of names) {
    if (!name.endsWith(".tmp")) continue;
    const current = TEMP.exec(name);
    const old = current ? null : OLD_TEMP.exec(name);
    const pid = Number(current?.[2] ?? old?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || (current && current[1] !== tag)) continue;
    if (ownerState({ pid }) === "dead") rmSync(join(dir, name), { force: true });
  }
}

/**
 * The one atomic-write helper: write a temp file in the same directory, fsync it, rename it over the
 * target. Readers see the old bytes or the new bytes, never a mix. The destination is checked first
 * (a directory, a device or a hard-linked file in its place is refused), and temp files left by killed
 * writers are swept from the directory.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  checkWritableTarget(path);
  const dir = dirname(path);
  sweepStaleTemps(dir);
  const stamp = `${hostTag()}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  // The name is capped so a long file name plus the suffix still fits the 255-byte limit.
  const temp = join(dir, `.${basename(path).slice(0, 200)}.${stamp}.tmp`);
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
