/**
 * The smaller dead ends of issue 13, each with the state that showed it: a spec still full of template
 * text (item 8), a canceled WP (11), the texts of `next` (13), the two tasks.md styles, the implement
 * prompt, and finalize's output and re-runs (15), a WP owning only a root-level file (4).
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import tasksCommand from "../../src/templates/commands/tasks.md" with { type: "text" };
import tasksPrompt from "../../src/templates/prompts/next-tasks.md" with { type: "text" };
import { approveFixtureWps, commitFixtureWork, FIXTURE_SLUG } from "../support/approve.ts";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const SLUG = FIXTURE_SLUG;

function project(fixture = "basic-project") {
  const root = copyFixture(fixture);
  initRepo(root);
  const tmp = join(root, "..", "prompts");
  mkdirSync(tmp);
  const env = { ...gitEnv(), TMPDIR: tmp };
  const run = (...args: string[]) => runInProcess(args, { cwd: root, env });
  const json = async (...args: string[]) => JSON.parse((await run(...args, "--json")).stdout);
  return { root, run, json };
}

describe("template text is not a written spec (item 8)", () => {
  test("next stays at specify until every placeholder is replaced, and names the lines (failed before: one edit moved on to plan)", async () => {
    const p = project();
    const created = await p.json("agent", "mission", "create", "feat");
    const spec = readFileSync(created.spec_file, "utf8");
    writeFileSync(created.spec_file, spec.replace("[MISSION TITLE]", "Feature"));
    const decision = await p.json("next", "--agent", "claude", "--mission", created.mission_slug);
    expect(decision.mission_state).toBe("specify");
    expect(decision.reason).toContain("line(s) of template text");
    expect(decision.reason).toMatch(/line \d+: \[Two or three sentences/);
    const prompt = readFileSync(decision.prompt_file, "utf8");
    expect(prompt).toMatch(/What is missing: .*template text/);
    writeFileSync(created.spec_file, "# Specification: Feature\n\n- **FR-001**: The tool MUST work.\n");
    expect((await p.json("next", "--agent", "claude", "--mission", created.mission_slug)).mission_state).toBe(
      "plan",
    );
  });

  test("accept reports spec and plan lines that still hold template text (failed before: accepted)", async () => {
    const p = project("mission-tasks");
    await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    const spec = join(p.root, "kitty-specs", SLUG, "spec.md");
    writeFileSync(
      spec,
      `${readFileSync(spec, "utf8")}\n## Assumptions\n\n- [Anything you assumed instead of asking.]\n`,
    );
    git(p.root, "add", "-A");
    git(p.root, "commit", "-q", "-m", "spec");
    commitFixtureWork(p.root);
    await approveFixtureWps((cwd, args) => runInProcess(args, { cwd, env: gitEnv() }), p.root, {
      agent: "codex",
    });
    const report = await p.run("accept", "--mission", SLUG, "--json");
    expect(report.code).toBe(1);
    const out = JSON.parse(report.stdout);
    expect(out.unfilled_template).toEqual([
      expect.objectContaining({
        file: `kitty-specs/${SLUG}/spec.md`,
        text: "- [Anything you assumed instead of asking.]",
      }),
    ]);
  });
});

describe("a canceled WP is settled everywhere (item 11)", () => {
  test("accept does not list it, nor its open subtasks; next goes on to accept (failed before: accept called it a blocker)", async () => {
    const p = project("mission-tasks");
    await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    git(p.root, "add", "-A");
    git(p.root, "commit", "-q", "-m", "finalize");
    commitFixtureWork(p.root);
    const cli = (cwd: string, args: string[]) => runInProcess(args, { cwd, env: gitEnv() });
    await approveFixtureWps(cli, p.root, { agent: "codex", wps: ["WP01", "WP03", "WP04"] });
    const cancel = await p.run(
      "agent",
      "tasks",
      "move-task",
      "WP02",
      "--to",
      "canceled",
      "--mission",
      SLUG,
      "--reason",
      "not needed",
    );
    expect(cancel.code, cancel.stderr).toBe(0);
    await p.run("agent", "tasks", "mark-status", "T003", "--status", "pending", "--mission", SLUG);
    expect((await p.json("next", "--agent", "claude", "--mission", SLUG)).mission_state).toBe("accept");
    const report = await p.run("accept", "--mission", SLUG, "--json");
    const out = JSON.parse(report.stdout);
    expect(out.wps_not_ready).toEqual([]);
    expect(out.unchecked_tasks).toEqual([]);
    expect(report.code, report.stdout).toBe(0);
  });
});

describe("what next and the prompts say (items 13, 15)", () => {
  test("text `next` shows the guard failures of the step reported done", async () => {
    const p = project("mission-tasks");
    await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    await p.run("next", "--agent", "claude", "--mission", SLUG, "--result", "success");
    await p.run("agent", "action", "implement", "WP01", "--agent", "claude", "--mission", SLUG);
    const text = await p.run("next", "--agent", "claude", "--mission", SLUG, "--result", "success");
    expect(text.stdout).toContain("not finished: WP01 is still in_progress");
  });

  test("the tasks step says what is missing (failed before: 'What is missing:' and nothing)", async () => {
    const p = project();
    const created = await p.json("agent", "mission", "create", "feat");
    const dir = join(p.root, "kitty-specs", created.mission_slug);
    writeFileSync(join(dir, "spec.md"), "# Spec\n\n- **FR-001**: It MUST work.\n");
    writeFileSync(join(dir, "plan.md"), "# Plan\n\nSmall.\n");
    const decision = await p.json("next", "--agent", "claude", "--mission", created.mission_slug);
    expect(decision.mission_state).toBe("tasks_outline");
    const prompt = readFileSync(decision.prompt_file, "utf8");
    expect(prompt).toContain(
      `What is missing: kitty-specs/${created.mission_slug}/tasks.md does not exist yet`,
    );
  });

  test("the tasks prompt and /spec-kitty.tasks teach one tasks.md form (failed before: `## WP01 – title` vs `## Work Package WP01:`)", () => {
    for (const text of [tasksPrompt, tasksCommand]) {
      expect(text).toContain("## Work Package WP01:");
      expect(text).toContain("**Dependencies**: WP01");
      expect(text).not.toMatch(/## WP01 –/);
    }
  });

  test("the implement prompt names spec.md and plan.md, and its commit takes only the WP's files, never .claude/ (failed before: 'commit everything')", async () => {
    const p = project("mission-tasks");
    await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    git(p.root, "add", "-A");
    git(p.root, "commit", "-q", "-m", "finalize");
    mkdirSync(join(p.root, ".claude", "commands"), { recursive: true });
    writeFileSync(join(p.root, ".claude", "commands", "spec-kitty.next.md"), "agent files\n");
    const out = await p.json("agent", "action", "implement", "WP04", "--agent", "claude", "--mission", SLUG);
    const prompt = readFileSync(out.prompt_file, "utf8");
    expect(prompt).toContain(join(p.root, "kitty-specs", SLUG, "spec.md"));
    expect(prompt).toContain(join(p.root, "kitty-specs", SLUG, "plan.md"));
    expect(prompt).not.toContain("Commit everything");
    const commit = /^\s*(cd .+ && git add -- .+ && git commit -m .+)$/m.exec(prompt)?.[1] as string;
    writeFileSync(join(p.root, "kitty-specs", SLUG, "quickstart.md"), "# Quickstart\n");
    const sh = Bun.spawnSync(["sh", "-c", commit.replace("<what you did>", "quickstart")], { env: gitEnv() });
    expect(sh.exitCode, sh.stderr.toString()).toBe(0);
    const committed = git(p.root, "show", "--name-only", "--format=", "HEAD").split("\n");
    expect(committed).toContain(`kitty-specs/${SLUG}/quickstart.md`);
    expect(committed.every((f) => f.startsWith(`kitty-specs/${SLUG}/`))).toBe(true);
    expect(git(p.root, "status", "--porcelain")).toContain("?? .claude/");
  });
});

describe("finalize-tasks (items 4, 15)", () => {
  test("--validate-only says 'would be updated'; the text says why WPs share a lane (failed before: '4 updated', no reason)", async () => {
    const p = project("mission-tasks");
    const dry = await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG, "--validate-only");
    expect(dry.stdout).toContain("4 WPs, 4 would be updated");
    const real = await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    expect(real.stdout).toContain("lane-a: WP01, WP03 (WP03 depends on WP01)");
  });

  test("a re-run leaves lanes.json byte for byte when the lanes did not change (failed before: rewritten, new computed_at)", async () => {
    const p = project("mission-tasks");
    await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG);
    const lanes = join(p.root, "kitty-specs", SLUG, "lanes.json");
    const before = readFileSync(lanes, "utf8");
    const again = await p.json("agent", "mission", "finalize-tasks", "--mission", SLUG);
    expect(again.files_written).not.toContain(lanes);
    expect(readFileSync(lanes, "utf8")).toBe(before);
  });

  test("a WP that owns only root-level files finalizes (failed before: authoritative_surface './' is not a prefix)", async () => {
    const p = project("mission-tasks");
    const wp = join(p.root, "kitty-specs", SLUG, "tasks", "WP02-summary-report.md");
    writeFileSync(
      wp,
      readFileSync(wp, "utf8").replace("history: []", 'history: []\nowned_files:\n  - "README.md"'),
    );
    const out = await p.run("agent", "mission", "finalize-tasks", "--mission", SLUG, "--json");
    expect(out.code, out.stdout).toBe(0);
    expect(readFileSync(wp, "utf8")).toContain("authoritative_surface: ./");
  });
});
