/**
 * Dead lock holders and crashes, against the compiled binary: a command killed while it holds a lock
 * (at a fault point, or at a random moment) never blocks the next one. "At once" is checked without a
 * clock: the next command runs with SPEC_KITTY_LOCK_TIMEOUT_MS=0, so it succeeds only if it takes the
 * dead holder's lock over without waiting (before: LOCK_TIMEOUT, or a 10 s wait for staleness). The
 * latencies are printed, not asserted (bench/locks.ts measures them).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../../src/core/status/event.ts";
import { git } from "../../support/git.ts";
import { type Ctx, MISSION_REL, newCase, runCase, SLUG } from "./harness.ts";

/** The mission folders of the project (not `kitty-specs/.gitattributes`, the drivers' rules). */
const missionDirs = (root: string) =>
  readdirSync(join(root, "kitty-specs"))
    .filter((name) => name !== ".gitattributes")
    .sort();

const M = ["--mission", SLUG];
const AT_ONCE = { SPEC_KITTY_LOCK_TIMEOUT_MS: "0" };
const emit = (wp: string, actor: string) => [
  "agent",
  "status",
  "emit",
  wp,
  "--to",
  "claimed",
  "--actor",
  actor,
  ...M,
];
const latencies: number[] = [];

async function ok(ctx: Ctx, argv: string[], env: Record<string, string> = AT_ONCE) {
  const out = await runCase(argv, ctx.root, { env, tmp: ctx.tmp });
  expect({ code: out.code, output: out.code === 0 ? "" : out.output }).toEqual({ code: 0, output: "" });
  latencies.push(out.ms);
  return out;
}

function logIsWhole(ctx: Ctx): number {
  const path = join(ctx.mission, "status.events.jsonl");
  return parseEventLog(readFileSync(path, "utf8"), path).length;
}

describe("a dead lock holder never blocks the next command", () => {
  test("status lock: emit killed while holding it, the next emit takes it at once (failed before)", async () => {
    const ctx = newCase();
    const killed = await runCase(emit("WP04", "x"), ctx.root, {
      env: { SPEC_KITTY_FAULT: "lock-held:status" },
      tmp: ctx.tmp,
    });
    expect(killed.code).not.toBe(0);
    expect(existsSync(join(ctx.root, ".git", "spec-kitty", "status.lock"))).toBe(true);
    await ok(ctx, emit("WP04", "y"));
    expect(logIsWhole(ctx)).toBe(5);
  });

  test("killed at random moments (20 times), each next command succeeds at once and the log stays whole", async () => {
    const ctx = newCase();
    const lanes = ["in_progress", "blocked", "claimed", "for_review"];
    for (let round = 0; round < 20; round++) {
      const wp = `WP0${(round % 4) + 1}`;
      const move = (to: string) => [
        "agent",
        "status",
        "emit",
        wp,
        "--to",
        to,
        "--force",
        "--reason",
        "r",
        "--actor",
        "a",
        ...M,
      ];
      // A real command killed after a random delay: before the lock, holding it, mid-append or after.
      let pid = 0;
      const victim = runCase(move(lanes[round % 4] as string), ctx.root, {
        tmp: ctx.tmp,
        onSpawn: (p) => (pid = p),
      });
      await Bun.sleep(Math.floor(Math.random() * 40));
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // it had finished already: the next command still runs right after
      }
      await victim;
      const written = logIsWhole(ctx);
      await ok(ctx, move("blocked"));
      expect(logIsWhole(ctx)).toBe(written + 1);
    }
  }, 120_000);

  test("merge lock: a merge killed while holding it is resumed at once by the next merge", async () => {
    const ctx = newCase();
    const killed = await runCase(["merge", ...M, "--json"], ctx.root, {
      env: { SPEC_KITTY_FAULT: "lock-held:merge-" },
      tmp: ctx.tmp,
    });
    expect(killed.code).not.toBe(0);
    // Nothing is approved, so the next merge refuses on its own terms, not on the dead holder's lock.
    const next = await runCase(["merge", ...M, "--json"], ctx.root, { env: AT_ONCE, tmp: ctx.tmp });
    expect(JSON.parse(next.output).error_code).toBe("MERGE_UNAPPROVED");
  });

  test("a merge journal naming a live but unrelated pid does not block the merge (failed before: MERGE_RUNNING)", async () => {
    const ctx = newCase();
    const unrelated = Bun.spawn(["sleep", "60"]);
    try {
      const dir = join(ctx.root, ".kittify", "runtime", "merge", SLUG);
      Bun.spawnSync(["mkdir", "-p", dir]);
      const now = new Date().toISOString();
      writeFileSync(
        join(dir, "journal.json"),
        JSON.stringify({
          version: 1,
          mission_slug: SLUG,
          mission_id: null,
          target_branch: "main",
          mission_branch: `kitty/mission-${SLUG}`,
          strategy: "merge",
          push: false,
          remote: null,
          state: "running",
          started_at: now,
          updated_at: now,
          owner_pid: unrelated.pid,
          mission_head: null,
          lanes: [],
          done_wps: [],
          skipped_wps: [],
          steps: [{ id: "plan", status: "pending", started_at: null, finished_at: null, detail: null }],
          last_error: null,
        }),
      );
      const out = await runCase(["merge", ...M, "--json"], ctx.root, { env: AT_ONCE, tmp: ctx.tmp });
      expect(out.code).toBe(0);
      expect(JSON.parse(out.output).resumed).toBe(true);
    } finally {
      unrelated.kill("SIGKILL");
      await unrelated.exited;
    }
  });

  test("a live merge holding the lock is reported with its pid, and taken over once it is gone", async () => {
    const ctx = newCase();
    const common = join(ctx.root, ".git");
    const { createHash } = await import("node:crypto");
    const lock = join(
      common,
      "spec-kitty",
      `merge-${createHash("sha256").update(SLUG).digest("hex").slice(0, 16)}.lock`,
    );
    const holder = Bun.spawn(
      [process.execPath, join(import.meta.dir, "..", "..", "support", "lock-probe.ts"), "hold", lock],
      {
        stdout: "pipe",
      },
    );
    const reader = holder.stdout.getReader();
    for (let seen = ""; !seen.includes("LOCKED"); )
      seen += new TextDecoder().decode((await reader.read()).value);
    const busy = await runCase(["merge", ...M, "--json"], ctx.root, { tmp: ctx.tmp });
    expect(JSON.parse(busy.output)).toMatchObject({ error_code: "MERGE_RUNNING" });
    expect(JSON.parse(busy.output).error).toContain(`pid ${holder.pid}`);
    holder.kill("SIGKILL");
    await holder.exited;
    const next = await runCase(["merge", ...M, "--json"], ctx.root, { env: AT_ONCE, tmp: ctx.tmp });
    expect(JSON.parse(next.output).error_code).toBe("MERGE_UNAPPROVED");
  });

  test("mission-number lock: a create killed while holding it does not block the next create", async () => {
    const ctx = newCase();
    const killed = await runCase(["agent", "mission", "create", "first"], ctx.root, {
      env: { SPEC_KITTY_FAULT: "lock-held:mission-number" },
      tmp: ctx.tmp,
    });
    expect(killed.code).not.toBe(0);
    await ok(ctx, ["agent", "mission", "create", "second", "--json"]);
    expect(missionDirs(ctx.root)).toEqual([SLUG, "002-second"]);
  });

  test("a live holder is waited for, with a notice naming it, then a clean LOCK_TIMEOUT", async () => {
    const ctx = newCase();
    const lock = join(ctx.root, ".git", "spec-kitty", "status.lock");
    const holder = Bun.spawn(
      [process.execPath, join(import.meta.dir, "..", "..", "support", "lock-probe.ts"), "hold", lock],
      {
        stdout: "pipe",
      },
    );
    const reader = holder.stdout.getReader();
    for (let seen = ""; !seen.includes("LOCKED"); )
      seen += new TextDecoder().decode((await reader.read()).value);
    try {
      const out = await runCase(emit("WP04", "x"), ctx.root, {
        env: { SPEC_KITTY_LOCK_TIMEOUT_MS: "1500" },
        tmp: ctx.tmp,
      });
      expect(out.code).toBe(1);
      expect(out.output).toContain(`waiting for lock ${lock}, held by pid ${holder.pid}`);
      expect(out.output).toContain(
        `timed out after 1.5s waiting for lock ${lock}, held by pid ${holder.pid} on this host`,
      );
    } finally {
      holder.kill("SIGKILL");
      await holder.exited;
    }
  });
});

describe("crashes leave nothing half-made", () => {
  test("a killed mission create leaves no mission the listings see; the next create sweeps it", async () => {
    const ctx = newCase();
    const killed = await runCase(["agent", "mission", "create", "half"], ctx.root, {
      env: { SPEC_KITTY_FAULT: "create-before-rename" },
      tmp: ctx.tmp,
    });
    expect(killed.code).not.toBe(0);
    const listed = await runCase(["agent", "tasks", "status", "--mission", "half", "--json"], ctx.root, {
      tmp: ctx.tmp,
    });
    expect(JSON.parse(listed.output).error_code).toBe("MISSION_NOT_FOUND");
    await ok(ctx, ["agent", "mission", "create", "whole", "--json"], {});
    expect(missionDirs(ctx.root)).toEqual([SLUG, "002-whole"]);
  });

  test("a temp file left by a writer killed before its rename is removed by the next write (failed before)", async () => {
    const ctx = newCase();
    const crashed = await runCase(emit("WP04", "x"), ctx.root, {
      env: { SPEC_KITTY_FAULT: "after-temp-write" },
      tmp: ctx.tmp,
    });
    expect(crashed.code).not.toBe(0);
    const temps = () => readdirSync(ctx.mission).filter((name) => name.endsWith(".tmp"));
    expect(temps()).toHaveLength(1);
    // The killed emit had appended its event (the log is the truth); status.json was not yet replaced.
    await ok(ctx, emit("WP03", "y"), {});
    expect(temps()).toEqual([]);
    expect(git(ctx.root, "status", "--porcelain", "--", MISSION_REL)).not.toContain(".tmp");
  });
});

afterAll(() => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `next command after a dead holder: ${sorted.length} runs, median ${median.toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms (lock wait 0)`,
  );
});
