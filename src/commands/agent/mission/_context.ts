import { io } from "../../../cli/io.ts";
import { currentBranch } from "../../../core/git/facts.ts";
import type { MissionRef } from "../../../core/mission/resolve.ts";
import { missionFromArgs } from "../../_mission.ts";

/** The mission named by `--mission`, plus the branch facts every mission command reports. */
export function missionContext(selector: string | undefined): {
  mission: MissionRef;
  current: string;
  target: string;
} {
  const mission = missionFromArgs(selector);
  const current = currentBranch(mission.root, { env: io().env }) ?? "main";
  const target = mission.meta.target_branch || current;
  return { mission, current, target };
}
