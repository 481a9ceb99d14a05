/**
 * A second process touching the credentials lock, for lock tests:
 *   bun auth-lock-probe.ts hold <lockPath> <ms>    prints "LOCKED" once it holds the lock, holds it <ms>
 *   bun auth-lock-probe.ts try <lockPath> <ms>     prints "ACQUIRED" or "TIMEOUT" (waits at most <ms>)
 */
import { withLock } from "../../src/core/fs/lock.ts";

const [mode, lockPath, msText] = process.argv.slice(2);
const ms = Number(msText);
if (!lockPath || Number.isNaN(ms)) throw new Error("usage: auth-lock-probe.ts hold|try <lockPath> <ms>");
if (mode === "hold") {
  await withLock(lockPath, async () => {
    process.stdout.write("LOCKED\n");
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
} else {
  try {
    await withLock(lockPath, () => undefined, { timeoutMs: ms });
    process.stdout.write("ACQUIRED\n");
  } catch (error) {
    process.stdout.write(
      `${(error as { code?: string }).code === "LOCK_TIMEOUT" ? "TIMEOUT" : `ERROR ${error}`}\n`,
    );
  }
}
