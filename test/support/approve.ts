/** Driving the `mission-tasks` fixture's WPs to approved, shared by in-process and binary tests. */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "./git.ts";
import type { RunResult } from "./run.ts";

/** The fixture's mission and WPs (lane-a = WP01+WP03, lane-b = WP02, lane-planning = WP04). */
export const FIXTURE_SLUG = "001-report-tool";
export const FIXTURE_WPS = ["WP01", "WP02", "WP03", "WP04"];
const FIXTURE_SUBTASKS = "T001,T002,T003,T004,T005";

/** One spec-kitty run in `root`: `runInProcess` for command tests, `runBin` for e2e tests. */
export type Cli = (root: string, args: string[]) => Promise<RunResult>;

async function ok(cli: Cli, root: string, args: string[]): Promise<void> {
  const result = await cli(root, args);
  if (result.code !== 0)
    throw new Error(`spec-kitty ${args.join(" ")} failed: ${result.stderr}${result.stdout}`);
}

function commitFile(dir: string, rel: string, text: string, message: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
  git(dir, "add", rel);
  git(dir, "commit", "-q", "-m", message);
}

/**
 * The fixture's work, committed the way agents commit it: WP01 and WP03 on lane-a, WP02 on lane-b (in
 * real lane worktrees forked from the mission branch), WP04's quickstart on main. Without it a WP has
 * nothing to hand to review. Needs a finalized, committed fixture.
 */
export function commitFixtureWork(root: string): void {
  const mission = `kitty/mission-${FIXTURE_SLUG}`;
  // As spec-kitty does when it makes a lane worktree: keep them out of the main checkout's status.
  appendFileSync(join(root, ".git", "info", "exclude"), "/.worktrees/\n");
  git(root, "branch", mission, "main");
  const lane = (id: string) => {
    const dir = join(root, ".worktrees", `${FIXTURE_SLUG}-${id}`);
    git(root, "worktree", "add", "-q", "-b", `${mission}-${id}`, dir, mission);
    return dir;
  };
  const a = lane("lane-a");
  commitFile(a, "src/parser/csv.ts", "export const parse = (t: string) => t.split('\\n');\n", "WP01: parser");
  commitFile(a, "src/cli/main.ts", "import { parse } from '../parser/csv.ts';\n", "WP03: cli");
  const b = lane("lane-b");
  commitFile(b, "src/report/summary.ts", "export const summary = () => 'ok';\n", "WP02: summary");
  commitFile(root, `kitty-specs/${FIXTURE_SLUG}/quickstart.md`, "# Quickstart\n", "WP04: quickstart");
}

/** Ticks every subtask of the finalized fixture, then walks each of `wps` to approved as `agent`. */
export async function approveFixtureWps(
  cli: Cli,
  root: string,
  options: { wps?: string[]; agent: string },
): Promise<void> {
  const mission = ["--mission", FIXTURE_SLUG];
  await ok(cli, root, ["agent", "tasks", "mark-status", FIXTURE_SUBTASKS, "--status", "done", ...mission]);
  for (const wp of options.wps ?? FIXTURE_WPS) {
    await ok(cli, root, [
      "agent",
      "tasks",
      "move-task",
      wp,
      "--to",
      "approved",
      "--agent",
      options.agent,
      ...mission,
    ]);
  }
}
