import { basename } from "node:path";
import { executionModeOf } from "../lanes/ownership.ts";
import type { MissionRef } from "../mission/resolve.ts";
import {
  type MissionView,
  type MissionWp,
  readMissionView,
  type StatusSource,
  type ViewWarning,
} from "../mission-view/read.ts";
import { STATUS_LANES, type StatusLane, weightedProgress } from "../status/lane.ts";
import { missionIdentity } from "../status/materialize.ts";
import type { StatusSnapshot } from "../status/reducer.ts";
import { wpText } from "../tasks/wp-file.ts";
import { scalarText } from "../tasks/wp-list.ts";

export interface BoardWp {
  id: string;
  title: string;
  lane: StatusLane;
  phase: string;
  /** The WP file's name ('' when there is none). */
  file: string;
  agent: string;
  agent_profile: string;
  shell_pid: string;
  execution_mode: string;
  /** The log knows the WP but tasks/ has no file for it. */
  prompt_file_missing: boolean;
  /** The WP has lane events (false: planned because nothing has happened to it yet, or a legacy lane). */
  has_status: boolean;
  lane_source: MissionWp["laneSource"];
  wp: MissionWp;
}

export interface Board {
  missionNumber: string;
  missionType: string;
  wps: BoardWp[];
  snapshot: StatusSnapshot;
  statusSource: StatusSource;
  warnings: ViewWarning[];
  /** Non-zero counts only, in lane order. */
  byLane: Partial<Record<StatusLane, number>>;
  /** Weighted progress (planned 0 … done 100), one decimal. */
  progress: number;
  view: MissionView;
}

/** The runtime value of a WP when the log has one (3.2.6 annotations), else its frontmatter's. */
function current(wp: MissionWp, key: "agent" | "shell_pid" | "agent_profile"): string {
  const runtime = wp.state?.[key];
  if (runtime !== undefined && runtime !== null && runtime !== "") return String(runtime);
  return scalarText(wp.file?.data[key]);
}

/**
 * Everything the kanban board shows: every WP of the mission view with its lane (see
 * views/mission.ts), its title and agent, and the weighted progress of the mission.
 */
export function buildBoard(mission: MissionRef, view: MissionView = readMissionView(mission)): Board {
  const wps = view.wps.map((wp): BoardWp => {
    const data = wp.file?.data;
    const declared = typeof data?.execution_mode === "string" ? data.execution_mode : null;
    return {
      id: wp.id,
      title: scalarText(data?.title) || wp.id,
      lane: wp.lane,
      phase: scalarText(data?.phase) || "Unknown Phase",
      file: wp.fileName ? basename(wp.fileName) : "",
      agent: current(wp, "agent"),
      agent_profile: current(wp, "agent_profile"),
      shell_pid: current(wp, "shell_pid"),
      execution_mode: declared ?? (wp.file ? executionModeOf(wp.file.data, wpText(wp.file)) : ""),
      prompt_file_missing: wp.promptFileMissing,
      has_status: wp.hasStatus,
      lane_source: wp.laneSource,
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
  return {
    missionNumber: number,
    missionType: type,
    wps,
    snapshot: view.snapshot,
    statusSource: view.statusSource,
    warnings: view.warnings,
    byLane,
    progress,
    view,
  };
}
