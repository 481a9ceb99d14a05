import { io } from "../cli/io.ts";
import { checkMissionContained, checkProjectContained } from "../core/mission/contained.ts";
import { type MissionRef, resolveMission } from "../core/mission/resolve.ts";
import { findProjectRoot } from "../core/project.ts";

/**
 * The mission named by `--mission`, found from the current directory (main checkout or a worktree),
 * refused before anything is read or written when a place it uses leads out of the project.
 */
export function missionFromArgs(selector: string | undefined): MissionRef {
  const root = findProjectRoot(io().cwd);
  checkProjectContained(root); // first: a symlinked mission folder would otherwise be "not found"
  const mission = resolveMission(root, selector);
  checkMissionContained(mission);
  return mission;
}
