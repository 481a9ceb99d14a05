/** The dispatcher's pure parts: the schedule, the invocation table, the agent environment, the journal fold, liveness. */
import { describe, expect, test } from "bun:test";
import { linkSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildArgv, HEADLESS_AGENTS, invocationFor } from "../../src/core/dispatch/agents.ts";
import { agentEnv } from "../../src/core/dispatch/env.ts";
import { dispatchDirRel, foldRuns, Journal } from "../../src/core/dispatch/journal.ts";
import { logPathOf } from "../../src/core/dispatch/run.ts";
import { type ScheduleInput, schedule } from "../../src/core/dispatch/schedule.ts";
import { appendLog } from "../../src/core/dispatch/spawn.ts";
import { currentOwner, isAlive, ownerOf } from "../../src/core/fs/owner.ts";
import type { StatusLane } from "../../src/core/status/lane.ts";
import { tempDir } from "../support/fs.ts";

const LANES: ScheduleInput["lanes"] = [
  {
    laneId: "lane-a",
    wps: [
      { id: "WP01", laneId: "lane-a", dependencies: [] },
      { id: "WP02", laneId: "lane-a", dependencies: ["WP01"] },
    ],
  },
  { laneId: "lane-b", wps: [{ id: "WP03", laneId: "lane-b", dependencies: [] }] },
  { laneId: "lane-planning", wps: [{ id: "WP04", laneId: "lane-planning", dependencies: ["WP03"] }] },
];

function input(
  lanes: Record<string, StatusLane>,
  extra: Partial<ScheduleInput> = {},
  holders: Record<string, string> = {},
): ScheduleInput {
  return {
    lanes: LANES,
    laneOf: (id) => lanes[id] ?? "planned",
    holderOf: (id) => holders[id] ?? null,
    agents: ["claude", "codex"],
    reviewer: null,
    busyLanes: new Set(),
    parked: new Set(),
    capacity: 10,
    ...extra,
  };
}

const short = (plans: ReturnType<typeof schedule>) =>
  plans.map((p) => `${p.wpId}:${p.role}:${p.agent}${p.resume ? ":resume" : ""}`);

describe("schedule", () => {
  test("ready WPs of idle lanes, agents taking lanes in turn, dependencies respected", () => {
    expect(short(schedule(input({})))).toEqual(["WP01:implement:claude", "WP03:implement:codex"]);
    expect(short(schedule(input({ WP01: "approved", WP03: "done" })))).toEqual([
      "WP02:implement:claude",
      "WP04:implement:claude",
    ]);
  });

  test("one run per lane, at most `capacity`, parked WPs skipped", () => {
    expect(short(schedule(input({}, { busyLanes: new Set(["lane-a"]) })))).toEqual(["WP03:implement:codex"]);
    expect(short(schedule(input({}, { capacity: 1 })))).toEqual(["WP01:implement:claude"]);
    expect(short(schedule(input({}, { parked: new Set(["WP01", "WP03"]) })))).toEqual([]);
  });

  test("reviews before new work in a lane; a review held by the reviewer resumes; someone else's is left alone", () => {
    expect(short(schedule(input({ WP01: "for_review" }, { reviewer: "gemini" })))).toEqual([
      "WP01:review:gemini",
      "WP03:implement:codex",
    ]);
    expect(
      short(schedule(input({ WP01: "in_review", WP03: "in_review" }, {}, { WP01: "claude", WP03: "human" }))),
    ).toEqual(["WP01:review:claude:resume"]);
  });

  test("our own unfinished claims resume; other actors' claims are never taken", () => {
    const holders = { WP01: "codex", WP03: "someone" };
    expect(short(schedule(input({ WP01: "in_progress", WP03: "claimed" }, {}, holders)))).toEqual([
      "WP01:implement:codex:resume",
    ]);
  });
});

describe("invocations", () => {
  const none = { timeoutSeconds: null, agents: {} };
  test("every built-in row is runnable and places the prompt as it says", () => {
    const vars = {
      prompt_file: "/t/p.md",
      prompt: "DO IT",
      workspace: "/w",
      root: "/r",
      mission: "m",
      wp_id: "WP01",
      role: "implement" as const,
    };
    for (const key of HEADLESS_AGENTS) {
      const inv = invocationFor(key, none);
      const { argv, stdinFile } = buildArgv(inv, vars);
      expect(argv.join(" ")).not.toMatch(/\{[a-z_]+\}/);
      if (inv.prompt === "stdin") expect(stdinFile).toBe("/t/p.md");
      else expect([stdinFile, argv.some((a) => a.includes("/t/p.md"))]).toEqual([null, true]);
    }
    expect(buildArgv(invocationFor("claude", none), vars).argv).toContain("/r");
  });

  test("config overrides a row field by field, adds agents, and an unknown agent is a usage error", () => {
    const config = {
      timeoutSeconds: 10,
      agents: {
        claude: { env: ["MY_PROXY_TOKEN"], timeoutSeconds: 5 },
        aider: { command: ["aider", "--yes"], prompt: "arg" as const, env: [] },
      },
    };
    const claude = invocationFor("claude", config);
    expect([claude.command[0], claude.prompt, claude.timeoutSeconds, claude.source]).toEqual([
      "claude",
      "stdin",
      5,
      "built-in+config",
    ]);
    expect(claude.env).toContain("MY_PROXY_TOKEN");
    const aider = invocationFor("aider", config);
    expect(
      buildArgv(aider, {
        prompt_file: "f",
        prompt: "text",
        workspace: "w",
        root: "r",
        mission: "m",
        wp_id: "WP01",
        role: "review",
      }).argv,
    ).toEqual(["aider", "--yes", "text"]);
    expect(() => invocationFor("windsurf", config)).toThrow(
      expect.objectContaining({ code: "DISPATCH_UNKNOWN_AGENT", exitCode: 2 }),
    );
  });

  test("an agent's environment: the common names, its own credentials, the run context, nothing else", () => {
    const from = {
      PATH: "/bin",
      HOME: "/h",
      ANTHROPIC_API_KEY: "a",
      OPENAI_API_KEY: "o",
      AWS_SECRET_ACCESS_KEY: "s",
      RANDOM: "x",
      GIT_AUTHOR_NAME: "g",
    };
    const ctx = {
      mission: "m",
      wpId: "WP01",
      role: "implement" as const,
      runId: "WP01-implement-1",
      promptFile: "/p",
      workspace: "/w",
      tmpDir: "/t",
    };
    const env = agentEnv(from, invocationFor("claude", { timeoutSeconds: null, agents: {} }), ctx);
    expect(env.ANTHROPIC_API_KEY).toBe("a");
    expect(env.GIT_AUTHOR_NAME).toBe("g");
    for (const name of ["OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "RANDOM"])
      expect(env[name]).toBeUndefined();
    expect([env.TMPDIR, env.SPEC_KITTY_WP, env.SPEC_KITTY_DISPATCH_RUN, env.NO_COLOR]).toEqual([
      "/t",
      "WP01",
      "WP01-implement-1",
      "1",
    ]);
  });
});

describe("journal", () => {
  test("runs fold from their lines; a torn last line is ignored, a bad middle line is an error", () => {
    const root = tempDir();
    const journal = new Journal(root, "001-x");
    const base = {
      run_id: "WP01-implement-1",
      wp_id: "WP01",
      role: "implement" as const,
      agent: "claude",
      attempt: 1,
    };
    journal.append([
      { ...base, event: "starting", at: "t1", lane_id: "lane-a", deadline: 5 },
      { ...base, event: "started", at: "t2", pid: 42, host: "h", proc_start: "9", deadline: 5 },
      { ...base, run_id: "WP02-review-1", wp_id: "WP02", role: "review", event: "starting", at: "t3" },
      { ...base, event: "ended", at: "t4", status: "succeeded", exit_code: 0, lane_after: "for_review" },
    ]);
    writeFileSync(journal.runsPath, `${readFileSync(journal.runsPath, "utf8")}{"run_id": "WP0`);
    const runs = foldRuns(journal.readLines());
    expect(runs.get("WP01-implement-1")).toMatchObject({
      laneId: "lane-a",
      process: { pid: 42, host: "h", start: "9" },
      ended: { status: "succeeded" },
    });
    expect(runs.get("WP02-review-1")).toMatchObject({ process: null, ended: null });
    writeFileSync(join(journal.dir, "runs.jsonl"), 'not json\n{"run_id":"x"}\n');
    expect(() => journal.readLines()).toThrow(expect.objectContaining({ code: "INVALID_FILE" }));
  });

  test("a project reached through a symlinked path: the journal, its log paths and temp dirs open (was: PATH_ESCAPE)", () => {
    const real = realpathSync(tempDir());
    const link = join(realpathSync(tempDir()), "project-link");
    symlinkSync(real, link);
    const journal = new Journal(link, "001-x");
    expect(journal.dir).toBe(join(link, dispatchDirRel("001-x")));
    expect(logPathOf(journal, "WP01-implement-1")).toBe(join(journal.dir, "WP01-implement-1.log"));
    journal.append([
      {
        run_id: "r",
        wp_id: "WP01",
        role: "implement",
        agent: "claude",
        attempt: 1,
        event: "starting",
        at: "t",
      },
    ]);
    expect(journal.readLines()).toHaveLength(1);
    expect(readFileSync(join(real, dispatchDirRel("001-x"), "runs.jsonl"), "utf8")).toContain('"run_id":"r"');
    const log = logPathOf(journal, "r");
    appendLog(log, "# one\n");
    appendLog(log, "# two\n");
    expect(readFileSync(log, "utf8")).toBe("# one\n# two\n");
  });

  test("a run's log is never written through a symlink or a hard link in its place", () => {
    const root = realpathSync(tempDir());
    const target = join(root, "elsewhere.txt");
    writeFileSync(target, "");
    symlinkSync(target, join(root, "sym.log"));
    expect(() => appendLog(join(root, "sym.log"), "x\n")).toThrow(
      expect.objectContaining({ code: "PATH_ESCAPE" }),
    );
    linkSync(target, join(root, "hard.log"));
    expect(() => appendLog(join(root, "hard.log"), "x\n")).toThrow(
      expect.objectContaining({ code: "HARDLINKED_FILE" }),
    );
    expect(readFileSync(target, "utf8")).toBe("");
  });

  test("liveness: this process lives; a dead pid or another start time (a reused pid) does not", () => {
    expect(isAlive(currentOwner())).toBe(true);
    const proc = Bun.spawnSync(["true"]);
    expect(isAlive(ownerOf(proc.pid))).toBe(false);
    const me = currentOwner();
    if (me.start !== null) expect(isAlive({ ...me, start: `${me.start}0` })).toBe(false); // a reused pid
  });
});
