/**
 * lanes.json: written in spec-kitty 3.1's exact key order (insertion order, 2-space indent, non-ASCII
 * escaped), read leniently (legacy files without mission_id or with feature_slug).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../../schema/check.ts";
import { type LanesFile, lanesFileSchema } from "../../schema/lanes.ts";
import { containedPath } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { ExecutionLane, LaneComputation } from "./compute.ts";

export interface LanesManifest {
  version: number;
  missionSlug: string;
  missionId: string;
  missionBranch: string;
  targetBranch: string;
  lanes: ExecutionLane[];
  planningArtifactWps: string[];
}

export const lanesPath = (mission: MissionRef) =>
  containedPath(mission.root, join(mission.dir, "lanes.json"));
export const missionBranchName = (slug: string) => `kitty/mission-${slug}`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping everything outside printable ASCII is the point.
const NON_ASCII = /[^\x00-\x7e]/g;

export function serializeLanes(
  mission: MissionRef,
  targetBranch: string,
  computed: LaneComputation,
  collapse: unknown,
  computedAt: string,
): string {
  const doc: Record<string, unknown> = {
    version: 1,
    mission_slug: mission.slug,
    mission_id: mission.missionId ?? mission.slug,
    mission_branch: missionBranchName(mission.slug),
    target_branch: targetBranch,
    lanes: computed.lanes,
    computed_at: computedAt,
    computed_from: "dependency_graph+ownership",
    planning_artifact_wps: computed.planningArtifactWps,
  };
  if (collapse) doc.collapse_report = collapse;
  const text = JSON.stringify(doc, null, 2).replace(
    NON_ASCII,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${text}\n`;
}

/** The mission's lanes, or null when lanes.json doesn't exist. Malformed files are errors. */
export function readLanes(mission: MissionRef): LanesManifest | null {
  const path = lanesPath(mission);
  if (!existsSync(path)) return null;
  const name = `kitty-specs/${mission.slug}/lanes.json`;
  const raw: LanesFile = checkFile(lanesFileSchema, parseJson(readTextFile(path, name), name), name);
  const slug = raw.mission_slug ?? raw.feature_slug ?? mission.slug;
  const lanes: ExecutionLane[] = raw.lanes.map((lane) => ({
    lane_id: lane.lane_id,
    wp_ids: lane.wp_ids,
    write_scope: lane.write_scope ?? [],
    predicted_surfaces: lane.predicted_surfaces ?? [],
    depends_on_lanes: lane.depends_on_lanes ?? [],
    parallel_group: lane.parallel_group ?? 0,
  }));
  return {
    version: raw.version ?? 1,
    missionSlug: slug,
    missionId: raw.mission_id ?? mission.missionId ?? slug,
    missionBranch: raw.mission_branch ?? missionBranchName(slug),
    targetBranch: raw.target_branch ?? mission.meta.target_branch ?? "main",
    lanes,
    planningArtifactWps:
      raw.planning_artifact_wps ?? lanes.find((l) => l.lane_id === "lane-planning")?.wp_ids ?? [],
  };
}
