/**
 * `spec-kitty dispatch` end to end on the compiled binary, with fake agent CLIs on PATH that read
 * their prompt, commit in their worktree and move their WP with the real binary.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { git } from "../support/git.ts";
import { BIN, testEnv } from "../support/run.ts";
import {
  background,
  DISPATCH_DIR,
  dispatchArgs,
  dispatchProject,
  expectNoOverlap,
  runIntervals,
  SLUG,
  until,
  WPS,
} from "./dispatch-setup.ts";

const approvedAll = Object.fromEntries(WPS.map((wp) => [wp, "approved"]));

describe("dispatch: a 6-WP mission with dependencies", () => {
  test("N=1 and N=3 end with every WP merged and the same tree; N=3 runs three lanes at once", async () => {
    const trees: string[] = [];
    for (const max of ["1", "3"]) {
      const p = await dispatchProject();
      if (max === "3") {
        // Explicit proof of parallelism: the three first WPs each wait until all three have started.
        p.agents.plan({
          "implement:WP01": ["wait:go"],
          "implement:WP03": ["wait:go"],
          "implement:WP05": ["wait:go"],
        });
      }
      const run = background(p, dispatchArgs("--agents", "claude,codex", "--max", max, "--merge"));
      if (max === "3") {
        await until(
          () => ["WP01", "WP03", "WP05"].every((wp) => p.agents.signalled(`started-implement-${wp}`)),
          "three agents running at once",
        );
        p.agents.release("go");
      }
      expect(await run.exited).toBe(0);
      const finished = run.events.at(-1) as Record<string, unknown>;
      expect(finished).toMatchObject({ event: "dispatch_finished", complete: true, merged: true });
      expect(p.lanes()).toEqual(Object.fromEntries(WPS.map((wp) => [wp, "done"])));
      // Lanes went to agents in turn: lane-a claude, lane-b codex, lane-c claude.
      expect(git(p.root, "show", "main:src/cart/model.ts")).toBe("// WP03 by codex");
      trees.push(git(p.root, "rev-parse", "main:src"));
      // Never more than --max agents at once, never two runs of one WP at once, one run per lane.
      const intervals = runIntervals(p.agents);
      expectNoOverlap(intervals);
      const most = Math.max(
        ...intervals.map((i) => intervals.filter((j) => j.start <= i.start && i.start < j.end).length),
      );
      expect(most).toBeLessThanOrEqual(Number(max));
      if (max === "3") expect(most).toBe(3);
      expect(intervals).toHaveLength(12); // 6 implementations + 6 reviews, nothing repeated
      // Dependents started only after their dependency was approved: WP02's run began after WP01's review ended.
      const wp01Review = intervals.find((i) => i.wp === "WP01" && i.role === "review");
      const wp02 = intervals.find((i) => i.wp === "WP02" && i.role === "implement");
      expect((wp02?.start ?? 0) > (wp01Review?.end ?? Number.POSITIVE_INFINITY)).toBe(true);
      // The per-run logs and the journal live in .kittify/runtime/, which git never sees.
      expect(readdirSync(join(p.root, DISPATCH_DIR)).filter((f) => f.endsWith(".log"))).toHaveLength(12);
      expect(git(p.root, "status", "--porcelain", "--untracked-files=all")).not.toContain(".kittify/runtime");
      expect(git(p.root, "ls-tree", "-r", "--name-only", "main")).not.toContain(".kittify/runtime");
    }
    expect(trees[0]).toBe(trees[1] as string);
  }, 240_000);

  test("a rejection goes back to a new implementation run with the feedback; --review-by reviews everything", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "review:WP01": ["reject", "ok"] });
    const result = await p.sk(
      dispatchArgs("--agents", "claude", "--review-by", "codex", "--max", "2", "--json"),
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.complete).toBe(true);
    expect(p.lanes()).toEqual(approvedAll);
    const wp01 = summary.runs
      .filter((r: { wp_id: string }) => r.wp_id === "WP01")
      .map((r: { role: string; status: string }) => `${r.role}:${r.status}`);
    expect(wp01).toEqual([
      "implement:succeeded",
      "review:rejected",
      "implement:succeeded",
      "review:approved",
    ]);
    const reviewers = new Set(
      p.agents
        .trace()
        .filter((e) => e.event === "start" && e.role === "review")
        .map((e) => e.agent),
    );
    expect([...reviewers]).toEqual(["codex"]);
    // The second implementation saw the review feedback in its prompt and fixed the work.
    const lane = join(p.root, ".worktrees", `${SLUG}-lane-a`);
    expect(readFileSync(join(lane, "src/catalog/model.ts"), "utf8")).toBe(
      "// WP01 by claude (fixed after review)\n",
    );
    expect(
      existsSync(join(p.root, "kitty-specs", SLUG, "tasks", "WP01-catalog-model", "review-cycle-1.md")),
    ).toBe(true);
    expectNoOverlap(runIntervals(p.agents));
  }, 120_000);

  test("a hanging agent is killed at the timeout (its whole process group); its dependents wait", async () => {
    // Only codex (lane-b: WP03, WP04) gets the 1 s timeout, so no healthy run can time out on a busy machine.
    const p = await dispatchProject("dispatch:\n  agents:\n    codex:\n      timeout: 1\n");
    p.agents.plan({ "implement:WP03": ["hang"] });
    const result = await p.sk(dispatchArgs("--agents", "claude,codex", "--max", "3", "--max-attempts", "1"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("WP03 implement by codex timeout");
    expect(result.stdout).toMatch(/WP04\s+planned\s+waiting on WP03/);
    expect(result.stdout).toContain(`Resume with: spec-kitty dispatch --mission ${SLUG} --resume`);
    const lanes = p.lanes();
    expect([lanes.WP03, lanes.WP04]).toEqual(["in_progress", "planned"]);
    for (const wp of ["WP01", "WP02", "WP05", "WP06"]) expect(lanes[wp]).toBe("approved");
    const hung = p.agents.trace().find((e) => e.event === "start" && e.wp === "WP03");
    await until(() => {
      try {
        process.kill(hung?.pid as number, 0);
        return false;
      } catch {
        return true;
      }
    }, "the hung agent to be gone");
    const log = readFileSync(join(p.root, DISPATCH_DIR, "WP03-implement-1.log"), "utf8");
    expect(log).toContain("timeout; WP03 is in_progress");
  }, 120_000);

  test("a failing agent is retried, and one that exits 0 without handing over counts as a failure", async () => {
    const p = await dispatchProject();
    p.agents.plan({ "implement:WP01": ["fail", "ok"], "implement:WP05": ["silent", "silent"] });
    const result = await p.sk(dispatchArgs("--agents", "claude", "--max", "2", "--json"));
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    const byWp = (wp: string) =>
      summary.runs.filter((r: { wp_id: string }) => r.wp_id === wp).map((r: { status: string }) => r.status);
    expect(byWp("WP01")).toEqual(["failed", "succeeded", "approved"]);
    expect(byWp("WP05")).toEqual(["failed", "failed"]);
    const wp05 = summary.wps.find((w: { wp_id: string }) => w.wp_id === "WP05");
    expect(wp05.note).toContain("without handing the WP to review");
    expect(summary.resume_command).toBe(`spec-kitty dispatch --mission ${SLUG} --resume`);
  }, 120_000);
});

describe("dispatch: isolation and limits", () => {
  test("each run gets a clean environment, its own temp dir, and a worktree set up before it starts", async () => {
    const p = await dispatchProject("worktrees:\n  setup:\n    copy: [.env.test]\n");
    await Bun.write(join(p.root, ".env.test"), "TOKEN=local\n");
    git(p.root, "add", "-A");
    git(p.root, "commit", "-q", "-m", "setup file");
    // .env.test is tracked here only to have something to copy: remove it from the lanes' base.
    git(p.root, "rm", "-q", "--cached", ".env.test");
    git(p.root, "commit", "-q", "-m", "untrack");
    await Bun.write(join(p.root, ".gitignore"), ".env.test\n");
    git(p.root, "add", ".gitignore");
    git(p.root, "commit", "-q", "-m", "ignore");
    const result = await p.sk(dispatchArgs("--agents", "claude", "--max", "3"), {
      FAKE_LEAK: "secret",
      OPENAI_API_KEY: "sk-x",
    });
    expect(result.code).toBe(0);
    const starts = p.agents.trace().filter((e) => e.event === "start");
    expect(starts).toHaveLength(12);
    for (const e of starts) {
      expect(e.leaked).toBeNull(); // not in the common set nor claude's own
      expect(e.env_wp).toBe(e.wp);
      expect(String(e.tmpdir)).toContain(join(DISPATCH_DIR, "tmp", `${e.wp}-${e.role}-`));
      expect(existsSync(join(String(e.cwd), ".env.test"))).toBe(true);
    }
    expect(new Set(starts.map((e) => e.tmpdir)).size).toBe(12);
    expect(new Set(starts.filter((e) => e.role === "implement").map((e) => e.cwd)).size).toBe(3);
  }, 120_000);

  test("--dry-run changes nothing; --events is one JSON event per line; agents without a headless CLI are refused", async () => {
    const p = await dispatchProject();
    const dry = await p.sk(dispatchArgs("--agents", "claude,codex", "--max", "2", "--dry-run", "--json"));
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.first_runs.map((r: { wpId: string; agent: string }) => `${r.wpId}:${r.agent}`)).toEqual([
      "WP01:claude",
      "WP03:codex",
    ]);
    expect(plan.invocations[0].command[0]).toBe("claude");
    expect(git(p.root, "status", "--porcelain", "--untracked-files=all")).toBe("");
    expect(existsSync(join(p.root, ".kittify", "runtime"))).toBe(false);
    expect(git(p.root, "worktree", "list").split("\n")).toHaveLength(1);

    const unknown = await p.sk(dispatchArgs("--agents", "windsurf", "--json"));
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error_code).toBe("DISPATCH_UNKNOWN_AGENT");
    const both = await p.sk(dispatchArgs("--agents", "claude", "--json", "--events"));
    expect(both.code).toBe(2);

    const events = await p.sk(dispatchArgs("--agents", "codex", "--max", "3", "--events"));
    expect(events.code).toBe(0);
    const lines = events.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0].event).toBe("dispatch_started");
    expect(lines.at(-1).event).toBe("dispatch_finished");
    expect(lines.filter((e) => e.event === "run_started")).toHaveLength(12);
  }, 120_000);

  test("on a terminal: the live view redraws one line per running WP, then the summary", async () => {
    const script = Bun.spawnSync(["script", "--version"]);
    if (script.exitCode !== 0 || !script.stdout.toString().includes("util-linux")) return; // needs util-linux script(1) for a pty
    const p = await dispatchProject();
    const cmd = `'${BIN}' dispatch --mission ${SLUG} --agents claude --max 3`;
    const proc = Bun.spawn(["script", "-qec", cmd, "/dev/null"], {
      cwd: p.root,
      env: testEnv(p.root, p.env),
      stdin: "ignore",
      stdout: "pipe",
    });
    const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
    expect(code).toBe(0);
    expect(out).toContain("\u001b[J"); // the block is cleared and redrawn in place
    expect(out).toMatch(/ {2}WP0\d {3}(implement|review)/); // a running WP's line
    expect(out).toContain("complete: 6/6 WPs approved or done");
  }, 120_000);

  test("an agent defined in config only, with the prompt passed as a file path", async () => {
    const p = await dispatchProject(
      "dispatch:\n  timeout: 60\n  agents:\n    aider:\n      command: [gemini, --message-file, '{prompt_file}']\n      prompt: file\n",
    );
    const result = await p.sk(dispatchArgs("--agents", "aider", "--max", "3", "--json"));
    expect(result.code).toBe(0);
    const start = p.agents.trace().find((e) => e.event === "start") as Record<string, unknown>;
    expect(start.agent).toBe("gemini"); // the fake CLI named in the config's argv
    expect(p.lanes()).toEqual(approvedAll);
  }, 120_000);
});
