/**
 * The lock with a known holder (src/core/fs/lock.ts), against real processes: a killed holder is taken
 * over without waiting (these failed before: the old lock judged staleness by mtime, 10 s), a zombie or
 * a recycled pid is no holder, a live or foreign holder is waited for, and under a storm of kills and
 * contenders no two live processes are ever inside at once.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../../src/core/fs/lock.ts";
import { currentOwner } from "../../src/core/fs/owner.ts";
import { tempDir } from "../support/fs.ts";

const PROBE = join(import.meta.dir, "..", "support", "lock-probe.ts");
const WORKER = join(import.meta.dir, "..", "support", "lock-race-worker.ts");

/** Reads a child's stdout until `needle` appears (explicit synchronisation, no sleeps). */
async function waitFor(stream: ReadableStream<Uint8Array>, needle: string): Promise<string> {
  const reader = stream.getReader();
  let text = "";
  while (!text.includes(needle)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before '${needle}': ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return text;
}

async function holdInChild(lockPath: string) {
  const proc = Bun.spawn([process.execPath, PROBE, "hold", lockPath], { stdout: "pipe", stderr: "inherit" });
  await waitFor(proc.stdout, "LOCKED");
  return proc;
}

/** Pairs of critical sections (IN/OUT lines, one clock for all processes) that overlap in time. */
function overlaps(entries: string): string[] {
  const lines = entries
    .trim()
    .split("\n")
    .map((line) => line.split(" "))
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  const found: string[] = [];
  let inside: string | null = null;
  for (const [kind, at, pid] of lines) {
    if (kind === "IN") {
      if (inside !== null) found.push(`${pid} entered at ${at} while ${inside} was inside`);
      inside = pid ?? "?";
    } else inside = null;
  }
  return found;
}

function record(lockPath: string, generation: number, holder: Record<string, unknown>): void {
  mkdirSync(lockPath, { recursive: true });
  writeFileSync(join(lockPath, `h-${generation}.json`), JSON.stringify(holder));
}

describe("lock holder", () => {
  test("a killed holder is taken over at once (failed before: LOCK_TIMEOUT until the lock went stale)", async () => {
    const lock = join(tempDir(), "x.lock");
    const holder = await holdInChild(lock);
    holder.kill("SIGKILL");
    await holder.exited;
    expect(await withLock(lock, () => "taken", { timeoutMs: 0 })).toBe("taken");
  });

  test("a zombie holder (killed, never reaped by its parent) is taken over at once", async () => {
    const lock = join(tempDir(), "z.lock");
    // The probe's parent becomes `sleep`, which never reaps it: killed, it stays a zombie.
    const shell = Bun.spawn(["sh", "-c", `"${process.execPath}" "${PROBE}" hold "${lock}" & exec sleep 60`], {
      stdout: "pipe",
    });
    const pid = Number((await waitFor(shell.stdout, "LOCKED")).trim().split(" ")[0]);
    process.kill(pid, "SIGKILL");
    // Wait until the kernel shows it as a zombie (state Z), not merely signalled.
    for (;;) {
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) break;
      await Bun.sleep(1);
    }
    try {
      expect(await withLock(lock, () => "taken", { timeoutMs: 0 })).toBe("taken");
    } finally {
      shell.kill("SIGKILL");
      await shell.exited;
    }
  });

  test("a recycled pid (a live process with another start time) holds nothing", async () => {
    const lock = join(tempDir(), "r.lock");
    const other = Bun.spawn(["sleep", "60"]);
    try {
      record(lock, 1, {
        pid: other.pid,
        host: currentOwner().host,
        start: "1",
        token: "t",
        acquired_at: "then",
      });
      expect(await withLock(lock, () => "taken", { timeoutMs: 0 })).toBe("taken");
    } finally {
      other.kill("SIGKILL");
      await other.exited;
    }
  });

  test("a live holder in another process is waited for; the timeout names it", async () => {
    const lock = join(tempDir(), "l.lock");
    const holder = await holdInChild(lock);
    try {
      const error = await withLock(lock, () => 1, { timeoutMs: 50 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "LOCK_TIMEOUT" });
      expect(String((error as Error).message)).toContain(`held by pid ${holder.pid} on this host`);
    } finally {
      holder.kill("SIGKILL");
      await holder.exited;
    }
  });

  test("a holder on another host cannot be checked: waited for, and the fix says what to delete", async () => {
    const lock = join(tempDir(), "f.lock");
    record(lock, 3, { pid: 1, host: "elsewhere.example", start: null, token: "t", acquired_at: "then" });
    const error = await withLock(lock, () => 1, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCK_TIMEOUT" });
    expect((error as { fix: string }).fix).toContain(`delete ${lock}`);
    expect((error as Error).message).toContain("host elsewhere.example");
  });

  test("an unreadable record blocks while fresh and is junk once old", async () => {
    const lock = join(tempDir(), "u.lock");
    mkdirSync(lock);
    const file = join(lock, "h-1.json");
    writeFileSync(file, "");
    await expect(withLock(lock, () => 1, { timeoutMs: 0 })).rejects.toMatchObject({ code: "LOCK_TIMEOUT" });
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(await withLock(lock, () => "taken", { timeoutMs: 0 })).toBe("taken");
  });

  test("the holder clears the numbers below its own; releasing leaves nothing behind", async () => {
    const lock = join(tempDir(), "k.lock");
    record(lock, 1, {
      pid: 999_999_999,
      host: currentOwner().host,
      start: null,
      token: "t",
      acquired_at: "then",
    });
    writeFileSync(join(lock, ".t-999999999-x"), "left by a killed process");
    await withLock(lock, () => expect(readdirSync(lock)).toEqual(["h-2.json"]));
    expect(existsSync(lock)).toBe(false);
    await withLock(lock, () => expect(readdirSync(lock)).toEqual(["h-1.json"]));
    expect(existsSync(lock)).toBe(false);
  });

  test("takeover race: contenders released at one instant against a dead holder, one gets in at a time", async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const dir = tempDir();
      const lock = join(dir, "t.lock");
      record(lock, 1, {
        pid: 999_999_999,
        host: currentOwner().host,
        start: null,
        token: "t",
        acquired_at: "then",
      });
      const workers = Array.from({ length: 8 }, () =>
        Bun.spawn([process.execPath, WORKER, lock, dir, "2", "--barrier"], {
          env: { ...process.env, SPEC_KITTY_LOCK_JITTER_MS: "3" },
          stdin: "pipe",
          stdout: "pipe",
          stderr: "pipe",
        }),
      );
      await Promise.all(workers.map((w) => waitFor(w.stdout, "READY")));
      for (const w of workers) {
        w.stdin.write("go\n");
        w.stdin.flush();
      }
      const codes = await Promise.all(workers.map((w) => w.exited));
      const stderr = await Promise.all(workers.map((w) => new Response(w.stderr).text()));
      expect(stderr.filter((text) => text.trim() !== "")).toEqual([]);
      expect(codes).toEqual(workers.map(() => 0));
      const violations = existsSync(join(dir, "violations"))
        ? readFileSync(join(dir, "violations"), "utf8")
        : "";
      expect(violations).toBe("");
      expect(overlaps(readFileSync(join(dir, "entries"), "utf8"))).toEqual([]);
      expect(readFileSync(join(dir, "entries"), "utf8").trim().split("\n")).toHaveLength(32);
    }
  }, 120_000);

  test("kill-and-race: contenders killed at random points never let two live processes in", async () => {
    const dir = tempDir();
    const lock = join(dir, "race.lock");
    const spawnWorker = () =>
      Bun.spawn([process.execPath, WORKER, lock, dir, "40"], {
        env: { ...process.env, SPEC_KITTY_LOCK_JITTER_MS: "2" },
        stdout: "pipe",
        stderr: "pipe",
      });
    const workers = Array.from({ length: 6 }, spawnWorker);
    let kills = 0;
    // Kill the contender inside (or, when none is, a random one) and start a fresh one in its place;
    // 30 times at random moments.
    while (kills < 30) {
      await Bun.sleep(Math.floor(Math.random() * 15));
      const inside = existsSync(join(dir, "inside")) ? Number(readFileSync(join(dir, "inside"), "utf8")) : 0;
      const holding = workers.findIndex((w) => w.pid === inside);
      const index = holding !== -1 ? holding : Math.floor(Math.random() * workers.length);
      const victim = workers[index] as ReturnType<typeof spawnWorker>;
      victim.kill("SIGKILL");
      await victim.exited;
      kills++;
      workers[index] = spawnWorker();
    }
    const codes = await Promise.all(workers.map((w) => w.exited));
    const stderr = await Promise.all(workers.map((w) => new Response(w.stderr).text()));
    expect(stderr.filter((text) => text.trim() !== "")).toEqual([]);
    expect(codes).toEqual(workers.map(() => 0));
    const violations = existsSync(join(dir, "violations"))
      ? readFileSync(join(dir, "violations"), "utf8")
      : "";
    expect(violations).toBe("");
    const entries = readFileSync(join(dir, "entries"), "utf8").trim().split("\n");
    expect(entries.filter((line) => line.startsWith("IN ")).length).toBeGreaterThanOrEqual(6 * 40);
    // Whatever the kills left behind, the lock is free or dead-held: taken without waiting.
    expect(await withLock(lock, () => "taken", { timeoutMs: 0 })).toBe("taken");
  }, 120_000);
});
