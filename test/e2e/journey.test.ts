/**
 * The whole journey with the compiled binary and real git: init → mission create → spec/plan/tasks →
 * finalize → (`next` → the action it names)* → merge. At every step the test does exactly what `next`
 * said; one review is rejected once and fixed. At the end every WP is done, the target branch holds
 * every lane's work, and no worktree or mission branch is left.
 */
import { expect, test } from "bun:test";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { FIXTURES, tempDir } from "../support/fs.ts";
import { git, gitEnv } from "../support/git.ts";
import { runBin } from "../support/run.ts";

const AGENT = "claude";
const SRC = join(FIXTURES, "mission-tasks", "kitty-specs", "001-report-tool");
/** What each WP's "agent" writes (planning WP04 writes into the mission directory, in the main checkout). */
const WORK: Record<string, { file: string; text: string; subtasks: string }> = {
  WP01: {
    file: "src/parser/csv.ts",
    text: "export const parse = (t: string) => t.split('\\n');\n",
    subtasks: "T001,T002",
  },
  WP02: { file: "src/report/summary.ts", text: "export const summary = () => 'ok';\n", subtasks: "T003" },
  WP03: { file: "src/cli/main.ts", text: "import { parse } from '../parser/csv.ts';\n", subtasks: "T004" },
  WP04: { file: "kitty-specs/001-report-tool/quickstart.md", text: "# Quickstart\n", subtasks: "T005" },
};

async function sk(cwd: string, ...args: string[]) {
  const result = await runBin(args, { cwd, env: gitEnv() });
  if (result.code !== 0)
    throw new Error(`spec-kitty ${args.join(" ")} → ${result.code}\n${result.stdout}${result.stderr}`);
  return args.includes("--json") ? JSON.parse(result.stdout) : result.stdout;
}

function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  if (git(dir, "status", "--porcelain") !== "") git(dir, "commit", "-q", "-m", message);
}

test("init → plan → next loop (with one rejection) → accept → merge: every WP done, all work on main", async () => {
  const root = join(tempDir(), "proj");
  mkdirSync(root);
  await sk(root, "init", "--ai", AGENT, "--non-interactive");
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "commit.gpgsign", "false");
  commitAll(root, "init");
  const created = await sk(root, "agent", "mission", "create", "report-tool", "--json");
  const slug: string = created.mission_slug ?? "001-report-tool";
  expect(slug).toBe("001-report-tool");
  const dir = join(root, "kitty-specs", slug);
  /** `spec-kitty agent <group> <command> <wp> …` as AGENT on this mission. */
  const asAgent = (group: string, command: string, wp: string, ...more: string[]) =>
    sk(root, "agent", group, command, wp, "--agent", AGENT, "--mission", slug, ...more);
  for (const name of ["spec.md", "plan.md", "tasks.md"]) cpSync(join(SRC, name), join(dir, name));
  for (const name of readdirSync(join(SRC, "tasks")))
    cpSync(join(SRC, "tasks", name), join(dir, "tasks", name));
  commitAll(root, "spec, plan, tasks");
  await sk(root, "agent", "mission", "finalize-tasks", "--mission", slug, "--json");
  commitAll(root, "finalize");

  const trail: string[] = [];
  let rejected = false;
  for (let turn = 0; turn < 40; turn++) {
    const d = await sk(root, "next", "--agent", AGENT, "--mission", slug, "--json");
    if (d.mission_state === "done") break;
    const action: string | null = d.action;
    const wp: string | null = d.wp_id;
    trail.push(`${action}${wp ? ` ${wp}` : ""}`);
    if (action === "implement" && wp) {
      const out = await asAgent("action", "implement", wp, "--json");
      const ws: string = out.workspace_path;
      expect(ws === root).toBe(wp === "WP04"); // the planning WP works in the main checkout, code WPs never do
      const work = WORK[wp] as (typeof WORK)[string];
      const again = trail.filter((t) => t === `implement ${wp}`).length > 1;
      mkdirSync(dirname(join(ws, work.file)), { recursive: true });
      writeFileSync(join(ws, work.file), again ? `${work.text}// fixed after review\n` : work.text);
      git(ws, "add", work.file);
      git(ws, "commit", "-q", "-m", `${wp}: ${again ? "address review" : "implement"}`);
      await sk(root, "agent", "tasks", "mark-status", work.subtasks, "--status", "done", "--mission", slug);
      await asAgent("tasks", "move-task", wp, "--to", "for_review");
    } else if (action === "review" && wp) {
      const out = await asAgent("action", "review", wp, "--json");
      if (wp === "WP01" && !rejected) {
        rejected = true;
        const feedback = resolve(root, out.feedback_path as string);
        mkdirSync(dirname(feedback), { recursive: true });
        writeFileSync(feedback, "Handle quoted fields.\n");
        await asAgent("tasks", "move-task", wp, "--to", "planned", "--review-feedback-file", feedback);
      } else {
        await asAgent("tasks", "move-task", wp, "--to", "approved");
      }
    } else if (action === "accept") {
      commitAll(root, "record reviews"); // accept wants a clean checkout
      const report = await sk(root, "accept", "--mission", slug, "--json");
      expect(report.acceptable).toBe(true);
      commitAll(root, "accept");
    } else if (action === "merge") {
      const out = await sk(root, "merge", "--mission", slug, "--json");
      expect(out.result).toBe("success");
    } else {
      throw new Error(`unexpected decision: ${JSON.stringify(d)}`);
    }
  }
  expect(rejected).toBe(true);
  expect(trail).toContain("accept");
  expect(trail[trail.length - 1]).toBe("merge");
  expect(trail.filter((t) => t === "implement WP01")).toHaveLength(2);
  // WP03 depends on WP01: it is never handed out before WP01 is approved.
  const wp01Approved = trail.lastIndexOf("review WP01");
  expect(trail.indexOf("implement WP03")).toBeGreaterThan(wp01Approved);

  const status = await sk(root, "agent", "tasks", "status", "--mission", slug, "--json");
  const text = JSON.stringify(status);
  for (const wp of Object.keys(WORK)) expect(text).toContain(wp);
  const events = readFileSync(join(dir, "status.events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  for (const wp of Object.keys(WORK)) {
    const last = events.filter((e) => e.wp_id === wp).at(-1);
    expect(last.to_lane).toBe("done");
    expect(events.filter((e) => e.wp_id === wp && e.to_lane === "done")).toHaveLength(1);
  }
  for (const work of Object.values(WORK))
    expect(git(root, "cat-file", "-t", `main:${work.file}`)).toBe("blob");
  expect(git(root, "show", "main:src/parser/csv.ts")).toContain("fixed after review");
  expect(git(root, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  expect(git(root, "branch", "--list", "kitty/*")).toBe("");
  expect(readdirSync(join(root, ".worktrees")).filter((n) => !n.startsWith("."))).toEqual([]);
}, 300_000);
