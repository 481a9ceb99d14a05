/** Driving the `mission-tasks` fixture's WPs to approved, shared by in-process and binary tests. */
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
