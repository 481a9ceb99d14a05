/**
 * lanes.json: written in spec-kitty 3.1's exact key order (insertion order, 2-space indent, non-ASCII
 * escaped), read leniently (legacy files without mission_id or with feature_slug).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkFile, jsonLocator } from "../../schema/check.ts";
import { type LanesFile, lanesFileSchema } from "../../schema/lanes.ts";
import { WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";
import { InvalidFileError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import { branchNameProblem } from "../git/refname.ts";
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

/** What reading lanes.json needs to know about a mission. */
export type LanesMission = Pick<MissionRef, "root" | "dir" | "slug" | "missionId" | "meta">;

export const lanesPath = (mission: LanesMission) =>
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
    // null, never the slug, for a mission without an id (spec-kitty 3.2.4+; 3.1 reads null as none).
    mission_id: mission.missionId ?? null,
    mission_branch: missionBranchName(mission.slug),
    target_branch: targetBranch,
    lanes: computed.lanes,
    computed_at: computedAt,
    computed_from: "dependency_graph+ownership",
    planning_artifact_wps: computed.planningArtifactWps,
  };
  if (collapse) doc.collapse_report = collapse;
  return formatLanesJson(doc);
}

/** lanes.json's bytes for a document: its keys in their order, 2-space indent, non-ASCII escaped. */
export function formatLanesJson(doc: Record<string, unknown>): string {
  const text = JSON.stringify(doc, null, 2).replace(
    NON_ASCII,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${text}\n`;
}

/** Lane ids become directory and branch names: `lane-a`, `lane-planning`, `lane-ab`… and nothing else. */
export const LANE_ID_PATTERN = /^lane-[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The slug in lanes.json names worktree folders and branches: one safe path segment. */
const SLUG_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Values of lanes.json that become paths and git arguments, checked where they are read: a crafted
 * lane id or slug must never turn into a worktree path outside `.worktrees/` or a git option.
 */
function checkLanesValues(raw: LanesFile, text: string, name: string): void {
  const lineOf = (value: string) => {
    const index = text.split("\n").findIndex((line) => line.includes(JSON.stringify(value)));
    return index === -1 ? undefined : index + 1;
  };
  const bad = (value: string, problem: string) =>
    new InvalidFileError(name, `${JSON.stringify(value)} ${problem}`, {
      line: lineOf(value),
      fix: `correct ${name} or re-run \`spec-kitty agent mission finalize-tasks\` to compute it again`,
    });
  const slug = raw.mission_slug ?? raw.feature_slug;
  if (slug !== undefined && (!SLUG_SEGMENT.test(slug) || slug.includes("..")))
    throw bad(slug, "is not a mission slug (letters, digits, '.', '_', '-')");
  for (const lane of raw.lanes) {
    if (!LANE_ID_PATTERN.test(lane.lane_id))
      throw bad(lane.lane_id, "is not a lane id (lane-a, lane-planning, …)");
    for (const wp of lane.wp_ids)
      if (!WP_ID_PATTERN.test(wp)) throw bad(wp, "is not a work package id (WP01)");
  }
  for (const branch of [raw.target_branch, raw.mission_branch]) {
    if (branch !== undefined && branchNameProblem(branch) !== null)
      throw bad(branch, `is not a valid branch name (${branchNameProblem(branch)})`);
  }
}

/** The mission's lanes, or null when lanes.json doesn't exist. Malformed files are errors. */
export function readLanes(mission: LanesMission): LanesManifest | null {
  const path = lanesPath(mission);
  if (!existsSync(path)) return null;
  const name = `kitty-specs/${mission.slug}/lanes.json`;
  const text = readTextFile(path, name);
  const raw: LanesFile = checkFile(lanesFileSchema, parseJson(text, name), name, jsonLocator(text));
  checkLanesValues(raw, text, name);
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
