/**
 * THE lane lookup. Every consumer that needs to know where a WP is worked on (branch, directory, main
 * checkout or worktree) asks here; nothing else looks at execution_mode or lane ids to decide.
 */
import { join } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { PLANNING_LANE } from "./compute.ts";
import { type LanesManifest, type LanesMission, readLanes } from "./file.ts";

export interface WpLane {
  laneId: string;
  /** Code lanes: `kitty/mission-<slug>-<lane>`. The planning lane: the mission's target branch. */
  branch: string;
  /** Absolute directory to work in: the lane worktree, or the main checkout for the planning lane. */
  workspacePath: string;
  isMainCheckout: boolean;
  /** All WPs of the lane, in working order. */
  laneWpIds: string[];
}

export function laneBranchName(slug: string, laneId: string): string {
  return `kitty/mission-${slug}-${laneId}`;
}

/** `.worktrees/<slug>-<lane>`, refused when it would lead out of the project (see lanes/file.ts checks). */
export function laneWorktreePath(root: string, slug: string, laneId: string): string {
  return containedPath(root, join(".worktrees", `${slug}-${laneId}`));
}

export function requireLanes(mission: LanesMission): LanesManifest {
  const manifest = readLanes(mission);
  if (!manifest) {
    throw new SpecKittyError("LANES_MISSING", `mission ${mission.slug} has no lanes.json yet`, {
      fix: `run \`spec-kitty agent mission finalize-tasks --mission ${mission.slug}\``,
    });
  }
  return manifest;
}

/** Where WP `wpId` of `mission` is worked on. `manifest` may be passed in to avoid re-reading lanes.json. */
export function laneForWp(mission: LanesMission, wpId: string, manifest?: LanesManifest): WpLane {
  const lanes = manifest ?? requireLanes(mission);
  const lane = lanes.lanes.find((l) => l.wp_ids.includes(wpId));
  if (!lane) {
    throw new SpecKittyError("WP_NOT_IN_LANE", `${wpId} is not assigned to any lane of ${mission.slug}`, {
      fix: `re-run \`spec-kitty agent mission finalize-tasks --mission ${mission.slug}\``,
      details: { wp_id: wpId, lanes: lanes.lanes.map((l) => l.lane_id) },
    });
  }
  if (lane.lane_id === PLANNING_LANE) {
    return {
      laneId: lane.lane_id,
      branch: lanes.targetBranch,
      workspacePath: mission.root,
      isMainCheckout: true,
      laneWpIds: lane.wp_ids,
    };
  }
  return {
    laneId: lane.lane_id,
    branch: laneBranchName(lanes.missionSlug, lane.lane_id),
    workspacePath: laneWorktreePath(mission.root, lanes.missionSlug, lane.lane_id),
    isMainCheckout: false,
    laneWpIds: lane.wp_ids,
  };
}
