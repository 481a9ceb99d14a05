/**
 * `spec-kitty implement --recover`: after an implement that crashed or a worktree removed by hand, put
 * back the workspaces the mission's active WPs need. For every code lane holding a WP that is claimed,
 * in progress or in review, the lane worktree is recreated on its branch (the branch keeps the work;
 * a missing branch starts again from the lane's base) or checked where it exists. Status is never
 * changed here: the log is the truth about WPs, this only repairs the places they are worked in.
 */
import { relative } from "node:path";
import { isSpecKittyError } from "../errors.ts";
import { refExists } from "../git/facts.ts";
import { runGit } from "../git/run.ts";
import { PLANNING_LANE } from "../lanes/compute.ts";
import { laneBranchName, laneWorktreePath, requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { ensureWorkspace } from "../workspace/ensure.ts";
import { readMissionState } from "./state.ts";

/** Lanes whose WP needs its workspace to exist. */
const ACTIVE: ReadonlySet<StatusLane> = new Set<StatusLane>([
  "claimed",
  "in_progress",
  "for_review",
  "in_review",
]);

export interface RecoveredLane {
  laneId: string;
  branch: string;
  /** Project-relative worktree path. */
  worktree: string;
  /** The active WPs that needed it. */
  wpIds: string[];
  action: "recreated" | "ok" | "failed";
  /** Set when the branch did not exist and was started again from the lane's base. */
  branchRecreated: boolean;
  error: string | null;
}

export interface RecoverOutcome {
  lanes: RecoveredLane[];
  /** Lanes with no active WP (nothing to recover there). */
  idleLanes: string[];
}

export async function recoverWorkspaces(
  mission: MissionRef,
  env: Record<string, string | undefined>,
): Promise<RecoverOutcome> {
  const manifest = requireLanes(mission);
  const state = readMissionState(mission);
  // Registrations of worktree directories that are gone would block `git worktree add`.
  runGit(mission.root, ["worktree", "prune"], { env });
  const lanes: RecoveredLane[] = [];
  const idleLanes: string[] = [];
  for (const lane of manifest.lanes) {
    if (lane.lane_id === PLANNING_LANE) continue;
    const active = state.wps.filter((wp) => lane.wp_ids.includes(wp.id) && ACTIVE.has(wp.lane));
    if (active.length === 0) {
      idleLanes.push(lane.lane_id);
      continue;
    }
    const branch = laneBranchName(manifest.missionSlug, lane.lane_id);
    const worktree = relative(
      mission.root,
      laneWorktreePath(mission.root, manifest.missionSlug, lane.lane_id),
    );
    const hadBranch = refExists(mission.root, `refs/heads/${branch}`, { env });
    const entry: RecoveredLane = {
      laneId: lane.lane_id,
      branch,
      worktree,
      wpIds: active.map((wp) => wp.id),
      action: "ok",
      branchRecreated: false,
      error: null,
    };
    try {
      const ws = await ensureWorkspace(mission, (active[0] as { id: string }).id, {
        env,
        allowDirty: true,
        manifest,
      });
      entry.action = ws.created ? "recreated" : "ok";
      entry.branchRecreated = ws.created && !hadBranch;
    } catch (error) {
      if (!isSpecKittyError(error)) throw error;
      entry.action = "failed";
      entry.error = error.fix ? `${error.message} (fix: ${error.fix})` : error.message;
    }
    lanes.push(entry);
  }
  return { lanes, idleLanes };
}
