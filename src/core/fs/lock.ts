import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SpecKittyError } from "../errors.ts";

export interface LockOptions {
  /** How long to wait for the lock before giving up with LOCK_TIMEOUT. */
  timeoutMs?: number;
  /** A lock not refreshed for this long belongs to a dead process and may be taken over. */
  staleMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one lock helper. `lockPath` names the lock itself (e.g. `.../credentials.lock`); proper-lockfile
 * creates it atomically with mkdir, so it excludes other processes and other callers in this process
 * alike, and a crashed holder's lock goes stale instead of blocking forever.
 */
export async function withLock<T>(
  lockPath: string,
  fn: () => Promise<T> | T,
  options: LockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 10_000;
  mkdirSync(dirname(lockPath), { recursive: true });
  // Imported here, not at the top: proper-lockfile (with graceful-fs, retry, signal-exit) measured ~18 ms
  // of start-up in the compiled binary, and read-only commands (status, next) import this module
  // without ever taking a lock.
  const { default: lockfile } = await import("proper-lockfile");
  const deadline = Date.now() + timeoutMs;
  let release: (() => Promise<void>) | undefined;
  let delay = 2;
  while (!release) {
    try {
      release = await lockfile.lock(lockPath, {
        realpath: false,
        lockfilePath: lockPath,
        stale: staleMs,
        retries: 0,
        onCompromised: () => {
          // Another process judged us stale and took over; the caller's work is already under way, and
          // throwing from a timer would crash the process, so this is deliberately ignored.
        },
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "ELOCKED") throw error;
      if (Date.now() >= deadline) {
        throw new SpecKittyError(
          "LOCK_TIMEOUT",
          `timed out after ${timeoutMs / 1000}s waiting for lock ${lockPath}`,
          {
            fix: "another spec-kitty process holds it; wait for it to finish, or remove the lock if no process is running",
            details: { lock: lockPath },
          },
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 50);
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
