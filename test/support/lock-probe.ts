/**
 * A second process holding a lock, for lock tests:
 *   bun lock-probe.ts hold <lockPath>   takes the lock, prints "<pid> LOCKED", and holds it until killed
 */
import { withLock } from "../../src/core/fs/lock.ts";

const [mode, lockPath] = process.argv.slice(2);
if (mode !== "hold" || !lockPath) throw new Error("usage: lock-probe.ts hold <lockPath>");
await withLock(lockPath, async () => {
  process.stdout.write(`${process.pid} LOCKED\n`);
  await new Promise(() => undefined);
});
