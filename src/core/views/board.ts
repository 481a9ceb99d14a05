import { basename } from "node:path";
import { executionModeOf } from "../lanes/ownership.ts";
import { STATUS_LANES, type StatusLane, weightedProgress } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { missionIdentity } from "../status/materialize.ts";
import { laneOf, type StatusSnapshot } from "../status/reducer.ts";
import type { StatusMission } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";
import { listWpFiles, scalarText } from "../tasks/wp-list.ts";

export interface BoardWp {
  id: string;
  title: string;
  lane: StatusLane;
  phase: string;
  file: string;
  agent: string;
  agent_profile: string;
  shell_pid: string;
  execution_mode: string;
  wp: WpFile;
}

export interface Board {
  missionNumber: string;
  missionType: string;
  wps: BoardWp[];
  snapshot: StatusSnapshot;
  /** Non-zero counts only, in lane order. */
  byLane: Partial<Record<StatusLane, number>>;
  /** Weighted progress (planned 0 … done 100), one decimal. */
  progress: number;
}

/**
 * Everything the kanban board shows: each WP file with its lane from the replayed log (a WP without
 * events is `planned`) and the weighted progress of the mission.
 */
export function buildBoard(mission: StatusMission): Board {
  const snapshot = loadSnapshot(mission);
  const wps = listWpFiles(mission).map((wp): BoardWp => {
    const mode = executionModeOf(wp.data, `${wp.head}${wp.yamlText}${wp.tail}`);
    return {
      id: wp.id,
      title: scalarText(wp.data.title) || wp.id,
      lane: laneOf(snapshot, wp.id),
      phase: scalarText(wp.data.phase) || "Unknown Phase",
      file: basename(wp.path),
      agent: scalarText(wp.data.agent),
      agent_profile: scalarText(wp.data.agent_profile),
      shell_pid: scalarText(wp.data.shell_pid),
      execution_mode: mode,
      wp,
    };
  });
  const byLane: Partial<Record<StatusLane, number>> = {};
  for (const lane of STATUS_LANES) {
    const n = wps.filter((wp) => wp.lane === lane).length;
    if (n > 0) byLane[lane] = n;
  }
  const progress = weightedProgress(wps.map((wp) => wp.lane));
  const { number, type } = missionIdentity(mission);
  return { missionNumber: number, missionType: type, wps, snapshot, byLane, progress };
}
