/**
 * Crash safety of `spec-kitty dispatch`, with real processes and explicit synchronisation (the fake
 * agents signal and wait on files; the dispatcher's --events stream says what it did): kill -9 of the
 * dispatcher while its agent lives on, kill -9 of both (a reboot), kill -9 of an agent, Ctrl-C, and a
 * second dispatcher. In no case is a WP run twice at once, lost, or its partial work thrown away.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { git } from "../support/git.ts";
import {
  alive,
  background,
  dispatchArgs,
  dispatchProject,
  expectNoOverlap,
  runIntervals,
  SLUG,
  until,
  WPS,
} from "./dispatch-setup.ts";

const approvedAll = Object.fromEntries(WPS.map((wp) => [wp, "approved"]));
const startsOf = (p: Awaited<ReturnType<typeof dispatchProject>>, wp: string, role = "implement") =>
  p.agents.trace().filter((e) => e.event === "start" && e.wp === wp && e.role === role);

describe("dispatch survives crashes", () => {
  test("kill -9 of the dispatcher: the agent lives on, the resumed dispatcher adopts it and starts no second run", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP01": ["wait:go"] });
    const first = background(p, dispatchArgs("--agents", "claude", "--max", "1"));
    await first.next((e) => e.event === "run_started" && e.wp_id === "WP01");
    await until(() => p.agents.signalled("started-implement-WP01"), "WP01's agent to start");
    first.proc.kill("SIGKILL");
    await first.exited;
    const agentPid = Number(readFileSync(join(p.agents.bin, "started-implement-WP01"), "utf8"));
    expect(alive(agentPid)).toBe(true);

    const resumed = background(p, dispatchArgs("--resume"));
    const adopted = await resumed.next((e) => e.event === "run_adopted");
    expect(adopted).toMatchObject({ wp_id: "WP01", role: "implement", pid: agentPid });
    const started = await resumed.next((e) => e.event === "dispatch_started");
    expect(started.adopted).toEqual(["WP01-implement-1"]);
    // With --max 1 and WP01 adopted, nothing else may start until it ends.
    expect(resumed.events.filter((e) => e.event === "run_started")).toEqual([]);
    p.agents.release("go");
    expect(await resumed.exited).toBe(0);
    expect(p.lanes()).toEqual(approvedAll);
    expect(startsOf(p, "WP01")).toHaveLength(1);
    const intervals = runIntervals(p.agents);
    expectNoOverlap(intervals);
    // --max 1 held across the crash: no run ever overlapped another, adopted or not.
    for (const i of intervals)
      expect(intervals.filter((j) => j !== i && j.start < i.end && i.start < j.end)).toEqual([]);
    const finished = resumed.events.find(
      (e) => e.event === "run_finished" && e.run_id === "WP01-implement-1",
    );
    expect(finished).toMatchObject({ status: "succeeded", exit_code: null, lane: "for_review" });
  }, 120_000);

  test("kill -9 of the dispatcher and its agent (a reboot): the run is recovered, its partial work kept and finished", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP03": ["partial:half", "ok"] });
    const first = background(p, dispatchArgs("--agents", "claude", "--max", "2"));
    await until(() => p.agents.signalled("half"), "WP03's agent to write half its work");
    const agentPid = Number(readFileSync(join(p.agents.bin, "half"), "utf8"));
    first.proc.kill("SIGKILL");
    await first.exited;
    process.kill(-agentPid, "SIGKILL"); // the agent's whole process group, as a power cut would
    const killedAt = performance.timeOrigin + performance.now();
    await until(() => !alive(agentPid), "the agent to die");
    const lane = join(p.root, ".worktrees", `${SLUG}-lane-b`);
    expect(existsSync(join(lane, "partial-WP03.txt"))).toBe(true);

    // A plain re-run (not --resume) picks the claims up the same way.
    const again = await p.sk(dispatchArgs("--agents", "claude", "--max", "2", "--json"));
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary.recovered).toContain("WP03-implement-1");
    expect(p.lanes()).toEqual(approvedAll);
    const wp03 = startsOf(p, "WP03");
    expect(wp03.map((e) => e.attempt)).toEqual([1, 2]);
    // The second run continued in the same worktree with the first one's uncommitted file, and committed it.
    expect(git(lane, "show", "HEAD:partial-WP03.txt")).toBe("half-done WP03 by claude");
    expectNoOverlap(runIntervals(p.agents, { [agentPid]: killedAt }));
    const lines = p.runLines().filter((l) => l.run_id === "WP03-implement-1");
    expect(lines.map((l) => l.event)).toEqual(["starting", "started", "ended"]);
    expect(lines[2]?.status).toBe("lost");
  }, 120_000);

  test("kill -9 of an agent: that run fails and the WP is run again, once", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP05": ["partial:mid", "ok"] });
    const run = background(p, dispatchArgs("--agents", "codex", "--max", "3"));
    await until(() => p.agents.signalled("mid"), "WP05's agent to start");
    const agentPid = Number(readFileSync(join(p.agents.bin, "mid"), "utf8"));
    process.kill(agentPid, "SIGKILL");
    // Taken before the dispatcher can even notice the death, so before any retry could start.
    const diedBy = performance.timeOrigin + performance.now();
    const failed = await run.next((e) => e.event === "run_finished" && e.wp_id === "WP05");
    expect(failed).toMatchObject({ status: "failed", exit_code: null, lane: "in_progress" });
    expect(await run.exited).toBe(0);
    expect(p.lanes()).toEqual(approvedAll);
    expect(startsOf(p, "WP05")).toHaveLength(2);
    const intervals = runIntervals(p.agents, { [agentPid]: diedBy });
    expectNoOverlap(intervals);
  }, 120_000);

  test("Ctrl-C stops starting runs, lets the running one finish, and says how to resume", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP01": ["wait:go"] });
    const run = background(p, dispatchArgs("--agents", "claude", "--max", "1"));
    await until(() => p.agents.signalled("started-implement-WP01"), "WP01's agent to start");
    run.proc.kill("SIGINT");
    await run.next((e) => e.event === "stopping");
    p.agents.release("go");
    expect(await run.exited).toBe(1);
    const finished = run.events.at(-1) as Record<string, unknown>;
    expect(finished).toMatchObject({
      event: "dispatch_finished",
      interrupted: true,
      resume_command: `spec-kitty dispatch --mission ${SLUG} --resume`,
    });
    // WP01's implementation finished; its review and every other WP did not start.
    expect(run.events.filter((e) => e.event === "run_started").map((e) => e.run_id)).toEqual([
      "WP01-implement-1",
    ]);
    expect(p.lanes().WP01).toBe("for_review");

    const resumed = await p.sk(dispatchArgs("--resume"));
    expect(resumed.code).toBe(0);
    expect(p.lanes()).toEqual(approvedAll);
    expect(startsOf(p, "WP01")).toHaveLength(1);
  }, 120_000);

  test("a second dispatcher of the same mission is refused while the first lives", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP01": ["wait:go"] });
    const first = background(p, dispatchArgs("--agents", "claude", "--max", "1"));
    await until(() => p.agents.signalled("started-implement-WP01"), "WP01's agent to start");
    const second = await p.sk(dispatchArgs("--agents", "codex", "--json"));
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({
      error_code: "DISPATCH_RUNNING",
      details: { pid: first.proc.pid },
    });
    p.agents.release("go");
    expect(await first.exited).toBe(0);
    expect(p.agents.trace().filter((e) => e.event === "start" && e.agent === "codex")).toEqual([]);
  }, 120_000);
});
