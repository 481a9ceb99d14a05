import { io } from "../cli/io.ts";
import { type MissionRef, resolveMission } from "../core/mission/resolve.ts";
import { findProjectRoot } from "../core/project.ts";

/** The mission named by `--mission`, found from the current directory (main checkout or a worktree). */
export function missionFromArgs(selector: string | undefined): MissionRef {
  return resolveMission(findProjectRoot(io().cwd), selector);
}
