import { io } from "../../../cli/io.ts";
import { currentBranch } from "../../../core/git.ts";
import { type MissionRef, resolveMission } from "../../../core/mission/resolve.ts";
import { findProjectRoot } from "../../../core/project.ts";

/** The mission named by `--mission`, plus the branch facts every mission command reports. */
export function missionContext(selector: string | undefined): {
  mission: MissionRef;
  current: string;
  target: string;
} {
  const { cwd, env } = io();
  const root = findProjectRoot(cwd);
  const mission = resolveMission(root, selector);
  const current = currentBranch(root, { env }) ?? "main";
  const target = mission.meta.target_branch || current;
  return { mission, current, target };
}
