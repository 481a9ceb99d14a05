import { io } from "../cli/io.ts";
import { checkMissionContained, checkProjectContained } from "../core/mission/contained.ts";
import { type MissionRef, resolveMission } from "../core/mission/resolve.ts";
import { findProjectRoot } from "../core/project.ts";

/**
 * The project found from `from` (the current directory: main checkout or a worktree), refused before
 * anything is read or written when one of its places (`.kittify/` and its files and folders,
 * `kitty-specs/`, `.worktrees/`, `kitty-ops/`) leads out of the project. For commands that work on the
 * project as a whole; commands on one mission use `missionFromArgs`.
 */
export function projectFromCwd(from: string = io().cwd): string {
  const root = findProjectRoot(from);
  checkProjectContained(root);
  return root;
}

/**
 * The mission named by `--mission`, found from `from` (the current directory: main checkout or a
 * worktree), refused before anything is read or written when a place it uses leads out of the project.
 */
export function missionFromArgs(selector: string | undefined, from: string = io().cwd): MissionRef {
  const root = projectFromCwd(from); // first: a symlinked mission folder would otherwise be "not found"
  const mission = resolveMission(root, selector);
  checkMissionContained(mission);
  return mission;
}
