/**
 * spec-kitty 3.2's coordination topology: a mission created with `topology: coord` or
 * `lanes_with_coord` keeps its status files (`status.events.jsonl`, `status.json`) on a coordination
 * branch `kitty/mission-<dir>`, checked out as the worktree `.worktrees/<dir>-coord/`. Spec, plan,
 * tasks, WP files, lanes.json and meta.json stay in the primary checkout. This module decides, the way
 * spec-kitty 3.2.5 reads it, which directory holds a mission's status files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { MissionMeta } from "../../schema/meta.ts";

/** The topologies spec-kitty 3.2 stores in meta.json; any other value is read as absent. */
const KNOWN = new Set(["single_branch", "lanes", "coord", "lanes_with_coord"]);
const ROUTED = new Set(["coord", "lanes_with_coord"]);
const MID8 = /^[0-9A-Z]{8}$/;

export type CoordState =
  /** Status lives in the primary checkout (no coordination topology, or no mission_id). */
  | "none"
  /** The coordination worktree holds the mission directory: status is read and written there. */
  | "materialized"
  /** The coordination worktree exists but lacks the mission directory: fail closed, never guess. */
  | "empty"
  /** Coordination topology, but no worktree yet (or any more): the primary copy is authoritative. */
  | "unmaterialized";

export interface Coordination {
  state: CoordState;
  /** Absolute path of `.worktrees/<dir>-coord/kitty-specs/<dir>/`, when the topology has one. */
  statusDir: string | null;
  /** The coordination branch meta.json declares, if any. */
  branch: string | null;
}

/** Whether meta.json routes status through a coordination branch (stored topology first, then derived). */
export function routesThroughCoordination(meta: MissionMeta): boolean {
  const stored = typeof meta.topology === "string" && KNOWN.has(meta.topology) ? meta.topology : null;
  if (stored !== null) return ROUTED.has(stored);
  // No (or an unknown) stored topology: derived once from the declared coordination branch.
  return typeof meta.coordination_branch === "string" && meta.coordination_branch.trim() !== "";
}

/** The directory name of a mission with its mid8: `<dir>` when it already ends in `-<mid8>`. */
function withMid8(dirName: string, mid8: string): string {
  return dirName.endsWith(`-${mid8}`) ? dirName : `${dirName}-${mid8}`;
}

/**
 * Where a mission's status lives. `dirName` comes from listing `kitty-specs/` and the mid8 from a
 * checked ULID prefix, so the composed path never leaves `<root>/.worktrees/`.
 */
export function coordinationOf(root: string, dirName: string, meta: MissionMeta): Coordination {
  const branch =
    typeof meta.coordination_branch === "string" && meta.coordination_branch !== ""
      ? meta.coordination_branch
      : null;
  const mid8 = typeof meta.mission_id === "string" ? meta.mission_id.slice(0, 8) : "";
  if (!routesThroughCoordination(meta) || !MID8.test(mid8)) return { state: "none", statusDir: null, branch };
  const name = withMid8(dirName, mid8);
  const worktree = join(root, ".worktrees", `${name}-coord`);
  const statusDir = join(worktree, "kitty-specs", name);
  if (!existsSync(worktree)) return { state: "unmaterialized", statusDir, branch };
  return { state: existsSync(statusDir) ? "materialized" : "empty", statusDir, branch };
}
