/**
 * The read-only calls: `mission-state`, `list-ready`, `resolve-workspace`. None of them writes a
 * file (status.json included): they fold the event log as it is.
 */
import { compareWpIds } from "../../schema/wp-frontmatter.ts";
import { isSpecKittyError } from "../errors.ts";
import { PLANNING_LANE } from "../lanes/compute.ts";
import { laneForWp, requireLanes } from "../lanes/lookup.ts";
import { DEPENDENCY_MET } from "../loop/state.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { STATUS_LANES, type StatusLane } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf, type StatusSnapshot } from "../status/reducer.ts";
import { dependenciesOf, findWpFile, listWpFiles, wpIdsOnDisk } from "../tasks/wp-list.ts";
import { laneBaseRef } from "../workspace/ensure.ts";
import { identityOf } from "./identity.ts";

function summaryOf(snapshot: StatusSnapshot): Record<StatusLane, number> {
  return Object.fromEntries(STATUS_LANES.map((lane) => [lane, snapshot.summary[lane] ?? 0])) as Record<
    StatusLane,
    number
  >;
}

/** `mission-state`: every WP (files, dependency graph and log together), its lane, deps and last actor. */
export function missionState(mission: MissionRef): Record<string, unknown> {
  const snapshot = loadSnapshot(mission);
  const files = listWpFiles(mission);
  const deps = new Map(files.map((wp) => [wp.id, dependenciesOf(wp)]));
  const ids = new Set([...wpIdsOnDisk(mission), ...deps.keys(), ...Object.keys(snapshot.work_packages)]);
  const work_packages = [...ids].sort(compareWpIds).map((id) => ({
    wp_id: id,
    lane: laneOf(snapshot, id),
    dependencies: deps.get(id) ?? [],
    // The actor of the WP's latest event (the original reads a key its reducer never writes: always null).
    last_actor: snapshot.work_packages[id]?.actor ?? null,
  }));
  return { ...identityOf(mission), summary: summaryOf(snapshot), work_packages };
}

/** `list-ready`: planned WPs whose dependencies are all approved or done. */
export function listReady(mission: MissionRef): Record<string, unknown> {
  const snapshot = loadSnapshot(mission);
  const ready = listWpFiles(mission)
    .filter((wp) => laneOf(snapshot, wp.id) === "planned")
    .filter((wp) => dependenciesOf(wp).every((dep) => DEPENDENCY_MET.has(laneOf(snapshot, dep))))
    .map((wp) => ({ wp_id: wp.id, lane: "planned", dependencies_satisfied: true }));
  return { ...identityOf(mission), ready_work_packages: ready };
}

export interface LaneFields {
  workspace_path: string;
  lane_id?: string;
  lane_branch?: string;
  lane_base_ref?: string;
}

/** The bare worktree path the original hands out for a WP of a mission without lanes. */
export function legacyWorkspace(mission: MissionRef, wpId: string): string {
  return `${mission.root}/.worktrees/${mission.slug}-${wpId}`;
}

/**
 * Where a WP is worked on, from the one lane lookup, without creating anything: its lane's worktree
 * and branch, or the legacy bare path when the mission has no lanes.json or the WP is in no lane.
 */
export function workspaceFields(mission: MissionRef, wpId: string): LaneFields {
  let lane: ReturnType<typeof laneForWp>;
  let manifest: ReturnType<typeof requireLanes>;
  try {
    manifest = requireLanes(mission);
    lane = laneForWp(mission, wpId, manifest);
  } catch (error) {
    if (isSpecKittyError(error) && (error.code === "LANES_MISSING" || error.code === "WP_NOT_IN_LANE"))
      return { workspace_path: legacyWorkspace(mission, wpId) };
    throw error;
  }
  const base = lane.laneId === PLANNING_LANE ? manifest.targetBranch : laneBaseRef(mission.root, manifest);
  return {
    workspace_path: lane.workspacePath,
    lane_id: lane.laneId,
    lane_branch: lane.branch,
    lane_base_ref: base,
  };
}

/** `resolve-workspace` (1.2.0): the WP's workspace and prompt, read-only. */
export function resolveWorkspace(mission: MissionRef, wpId: string): Record<string, unknown> {
  const wp = findWpFile(mission, wpId);
  const { workspace_path, ...lane } = workspaceFields(mission, wp.id);
  return { ...identityOf(mission), wp_id: wp.id, workspace_path, prompt_path: wp.path, ...lane };
}
