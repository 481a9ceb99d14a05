/**
 * The one lock helper: a cross-process mutex that knows its holder.
 *
 * `lockPath` (e.g. `.../status.lock`) is a directory holding the record `h-<n>.json` of the holder: pid,
 * host and process start time, created exclusively (`link(2)` of a fully written temp file, so a record
 * is never seen half-written). To acquire: read the highest record; when there is none, or its owner is
 * dead on this host, create the next number; then look again and hold only if no higher number exists
 * and every lower one belongs to a dead process, else delete one's record and start over. The holder
 * deletes the records below its own (dead holders). To release: delete one's record (and the directory
 * when empty), so a finished command leaves nothing behind.
 *
 * Why no two live processes ever hold it: a record exists for as long as its owner holds. Of two
 * overlapping holders p < q, p checked before q's record existed (it saw no higher number), so q checked
 * after p's record existed and saw a lower number with a live owner: q would have backed off.
 * test/unit/lock.test.ts races real processes, releasing them at one instant and killing them at
 * random points, to check it.
 *
 * A dead holder is taken over at once: no staleness timeout, no clock involved (the lock library used
 * before judged staleness by an mtime it set up to a second into the future, so waiters that came right
 * after a crash timed out). A live holder is waited for; a holder on another host cannot be checked
 * from here and is waited for too, and the timeout message says who it is.
 */
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { currentOwner, ownerState, type ProcessOwner } from "./owner.ts";

export interface LockOptions {
  /** How long to wait for a live holder before giving up with LOCK_TIMEOUT. */
  timeoutMs?: number;
}

interface HolderRecord extends ProcessOwner {
  token: string;
  acquired_at: string;
}

const RECORD = /^h-(\d+)\.json$/;
/** Temp files `.t-<pid>-<token>`: a record being made (left behind when that process was killed). */
const TEMP = /^\.t-(\d+)-/;
/** A record that cannot be parsed this long after it was made is junk (a filesystem without link(2)). */
const UNREADABLE_GRACE_MS = 5_000;
/** After this long a waiter's notice (when the CLI installed one) says who it is waiting for. */
const NOTICE_AFTER_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let notice: ((message: string) => void) | null = null;

/** How a waiting process tells its user (installed by the CLI; core code never prints). */
export function setLockWaitNotice(fn: ((message: string) => void) | null): void {
  notice = fn;
}

/**
 * Test hooks: `SPEC_KITTY_FAULT=lock-held:<prefix>` kills the process right after it acquired a lock
 * whose file name starts with `<prefix>` (`status`, `merge-`); `SPEC_KITTY_LOCK_TIMEOUT_MS` overrides every wait (0: take a free or dead-held lock,
 * never wait for a live holder); `SPEC_KITTY_LOCK_JITTER_MS` pauses up to that long between reading the
 * holder and creating a record, and between creating it and checking it, so race tests hit the windows.
 */
function faultAfterAcquire(lockPath: string): void {
  const fault = process.env.SPEC_KITTY_FAULT;
  if (fault?.startsWith("lock-held:") && basename(lockPath).startsWith(fault.slice("lock-held:".length)))
    process.kill(process.pid, "SIGKILL");
}

function jitter(): Promise<void> | undefined {
  const max = Number(process.env.SPEC_KITTY_LOCK_JITTER_MS ?? 0);
  return max > 0 ? sleep(Math.random() * max) : undefined;
}

function timeoutOf(options: LockOptions): number {
  const override = process.env.SPEC_KITTY_LOCK_TIMEOUT_MS;
  if (override !== undefined && /^\d+$/.test(override)) return Number(override);
  return options.timeoutMs ?? 10_000;
}

type Holder = (HolderRecord | { unreadable: true; file: string }) & { text: string };

function readHolder(file: string): Holder | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    return { unreadable: true, file, text: "" };
  }
  try {
    const record = JSON.parse(text) as HolderRecord;
    if (typeof record.pid === "number") return { ...record, text };
  } catch {
    // fall through: not a record (yet)
  }
  return { unreadable: true, file, text };
}

/** Whether `holder` keeps the lock: held and alive, on another host, or a record too fresh to judge. */
function blocks(holder: Holder): boolean {
  if ("unreadable" in holder) {
    try {
      return Date.now() - statSync(holder.file).mtimeMs < UNREADABLE_GRACE_MS;
    } catch {
      return false;
    }
  }
  return ownerState(holder) !== "dead";
}

/** Creates `file` holding `text` only if it does not exist; false when another process was first. */
function createExclusive(dir: string, file: string, text: string, token: string): boolean {
  const temp = join(dir, `.t-${process.pid}-${token}`);
  let fd: number;
  try {
    fd = openSync(temp, "wx", 0o644);
  } catch (error) {
    // The directory was removed by a releasing holder between our listing and now: look again.
    if ((error as { code?: string }).code === "ENOENT") return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    // No hard links on this filesystem: exclusive create, then write (readers give it a grace period).
    let out: number;
    try {
      out = openSync(file, "wx", 0o644);
    } catch (inner) {
      if ((inner as { code?: string }).code === "EEXIST") return false;
      throw inner;
    }
    try {
      writeSync(out, text);
    } finally {
      closeSync(out);
    }
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}

function describe(holder: Holder | null): string {
  if (holder === null) return "another process";
  if ("unreadable" in holder) return `an unreadable holder record (${holder.file})`;
  const where = holder.host === currentOwner().host ? "this host" : `host ${holder.host}`;
  return `pid ${holder.pid} on ${where} (since ${holder.acquired_at})`;
}

function timeoutError(lockPath: string, holder: Holder | null, timeoutMs: number): SpecKittyError {
  const foreign = holder !== null && !("unreadable" in holder) && holder.host !== currentOwner().host;
  const fix = foreign
    ? `if no spec-kitty process runs on ${(holder as HolderRecord).host} any more, delete ${lockPath} and retry`
    : "another spec-kitty process is still working; let it finish and run the command again";
  return new SpecKittyError(
    "LOCK_TIMEOUT",
    `timed out after ${timeoutMs / 1000}s waiting for lock ${lockPath}, held by ${describe(holder)}`,
    { fix, details: { lock: lockPath, holder } },
  );
}

/** Removes temp records of dead processes (a crash between writing and linking one). */
function sweepTemps(dir: string, names: string[]): void {
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid !== undefined && ownerState({ pid: Number(pid) }) === "dead")
      rmSync(join(dir, name), { force: true });
  }
}

const generation = (name: string): number => Number(RECORD.exec(name)?.[1] ?? 0);

/** The lock directory's entries, creating it when missing (a releasing holder may remove it any time). */
function list(lockPath: string): string[] {
  for (;;) {
    try {
      return readdirSync(lockPath);
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOENT") throw error;
    }
    try {
      mkdirSync(lockPath, { recursive: true });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
}

/**
 * Whether we may hold `mine`, judged after creating it: no higher number exists (a higher creator would
 * win), and every lower one belongs to a dead process (a live one may have become holder before we
 * created ours). Either way one of two live contenders always backs off.
 */
function mayHold(lockPath: string, names: string[], mine: number): boolean {
  for (const name of names) {
    const n = generation(name);
    if (n > mine) return false;
    if (n === 0 || n === mine) continue;
    const other = readHolder(join(lockPath, name));
    if (other !== null && blocks(other)) return false;
  }
  return true;
}

async function acquire(lockPath: string, timeoutMs: number): Promise<string> {
  const token = crypto.randomUUID();
  const record: HolderRecord = { ...currentOwner(), token, acquired_at: new Date().toISOString() };
  const text = `${JSON.stringify(record)}\n`;
  const started = Date.now();
  let delay = 2;
  let told = false;
  for (;;) {
    const names = list(lockPath);
    const top = Math.max(0, ...names.map(generation));
    const holder = top > 0 ? readHolder(join(lockPath, `h-${top}.json`)) : null;
    if (top > 0 && holder === null) continue; // released between the listing and the read: look again
    if (holder === null || !blocks(holder)) {
      await jitter();
      const mine = top + 1;
      const file = join(lockPath, `h-${mine}.json`);
      if (!createExclusive(lockPath, file, text, token)) continue; // another process was first
      await jitter();
      const after = list(lockPath);
      if (mayHold(lockPath, after, mine)) {
        for (const name of after) {
          const n = generation(name);
          if (n > 0 && n < mine) rmSync(join(lockPath, name), { force: true });
        }
        sweepTemps(lockPath, after);
        return file;
      }
      // Another live contender: back off for a random moment so the two do not collide again.
      rmSync(file, { force: true });
      await sleep(Math.random() * 3);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw timeoutError(lockPath, holder, timeoutMs);
    if (!told && notice && waited >= NOTICE_AFTER_MS) {
      told = true;
      notice(`waiting for lock ${lockPath}, held by ${describe(holder)}`);
    }
    await sleep(Math.min(delay + Math.random() * delay, Math.max(1, timeoutMs - waited)));
    delay = Math.min(delay * 2, 50);
  }
}

/** Deletes our record, then the lock directory if nothing else is in it (a finished command leaves no trace). */
function release(file: string): void {
  rmSync(file, { force: true });
  try {
    rmdirSync(dirname(file));
  } catch {
    // not empty (a contender is at work) or already gone
  }
}

/**
 * Runs `fn` holding the lock `lockPath`. Excludes other processes and other callers in this process
 * alike; a holder that died is taken over at once.
 */
export async function withLock<T>(
  lockPath: string,
  fn: () => Promise<T> | T,
  options: LockOptions = {},
): Promise<T> {
  const held = await acquire(lockPath, timeoutOf(options));
  faultAfterAcquire(lockPath);
  try {
    return await fn();
  } finally {
    release(held);
  }
}
