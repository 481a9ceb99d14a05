/**
 * One contender in the lock kill-and-race test (test/unit/lock.test.ts):
 *   bun lock-race-worker.ts <lockPath> <dir> <rounds> [--barrier]
 * Each round takes the lock and, inside, checks that no other LIVE process is inside: it reads the
 * marker `<dir>/inside` (the pid of whoever entered last), writes its own pid there, yields, and checks
 * that the marker is still its own before leaving. Any breach is appended to `<dir>/violations`; entry
 * and exit times (one clock for all processes) go to `<dir>/entries` for an interval check. A
 * killed holder leaves its marker behind; that is not a breach once the kernel says it is gone.
 * With --barrier it prints READY and waits for a line on stdin before its first round, so many workers
 * can be released at the same instant (the takeover race).
 */
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../../src/core/fs/lock.ts";

const [lockPath, dir, roundsText, barrier] = process.argv.slice(2);
if (!lockPath || !dir || !roundsText) throw new Error("usage: lock-race-worker.ts <lockPath> <dir> <rounds>");
const marker = join(dir, "inside");
const log = (name: string, text: string) => appendFileSync(join(dir, name), text);

/** Independent of the lock's own judgement: the kernel's answer (a zombie is dead). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function breach(text: string): void {
  log("violations", `${process.pid}: ${text}\n`);
}

if (barrier === "--barrier") {
  process.stdout.write("READY\n");
  const reader = Bun.stdin.stream().getReader();
  await reader.read();
  reader.releaseLock();
}

for (let round = 0; round < Number(roundsText); round++) {
  await withLock(lockPath, async () => {
    let previous = "";
    try {
      previous = readFileSync(marker, "utf8");
    } catch {
      // nobody inside
    }
    if (previous !== "" && Number(previous) !== process.pid && running(Number(previous)))
      breach(`entered while ${previous} was inside and running`);
    writeFileSync(marker, String(process.pid));
    const now = () => (performance.timeOrigin + performance.now()).toFixed(3);
    log("entries", `IN ${now()} ${process.pid}\n`);
    await Bun.sleep(Math.random() < 0.5 ? 1 : 3);
    const still = existsSync(marker) ? readFileSync(marker, "utf8") : "(nobody)";
    if (still !== String(process.pid)) breach(`${still} entered while this process was inside`);
    rmSync(marker, { force: true });
    log("entries", `OUT ${now()} ${process.pid}\n`);
  });
}
process.stdout.write("DONE\n");
