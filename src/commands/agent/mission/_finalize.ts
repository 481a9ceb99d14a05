import { io } from "../../../cli/io.ts";
import { type FinalizeResult, finalizeTasks } from "../../../core/loop/finalize.ts";
import type { MissionRef } from "../../../core/mission/resolve.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionContext } from "./_context.ts";

/** The flags of both finalize-tasks commands (`agent mission …` and the light `agent tasks …`). */
export const finalizeArgs = {
  ...missionArg,
  validateOnly: { type: "boolean", description: "Check and report what would change; write nothing" },
  ...jsonArg,
} as const;

export interface FinalizeRun {
  mission: MissionRef;
  result: FinalizeResult;
  /** WP ids whose file finalize changes, leaves as it is, and whose frontmatter dependencies it keeps. */
  modified: string[];
  unchanged: string[];
  preserved: string[];
}

/** Runs finalize for the `--mission` of either command; they differ only in `light` and in what they print. */
export async function runFinalize(
  args: { mission?: string; validateOnly?: boolean },
  light: boolean,
): Promise<FinalizeRun> {
  const { mission, current } = missionContext(args.mission);
  const result = await finalizeTasks(mission, {
    currentBranch: current,
    validateOnly: Boolean(args.validateOnly),
    light,
    env: io().env,
  });
  const wps = result.plan.wps;
  return {
    mission,
    result,
    modified: wps.filter((wp) => wp.modified).map((wp) => wp.id),
    unchanged: wps.filter((wp) => !wp.modified).map((wp) => wp.id),
    preserved: wps.filter((wp) => wp.preserved).map((wp) => wp.id),
  };
}
