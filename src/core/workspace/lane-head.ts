/**
 * The commit a WP's work is at, as this clone sees it: the head of its lane branch (the local branch,
 * else the copy fetched from the remote), or for planning WPs the main checkout's HEAD. An approval
 * records it (`evidence.repos`, a field every upstream reader knows), so a merge can later prove that
 * what was approved is what lands on the target.
 */
import { basename } from "node:path";
import { isSpecKittyError } from "../errors.ts";
import { headCommit } from "../git/facts.ts";
import type { GitOptions } from "../git/run.ts";
import type { LanesManifest, LanesMission } from "../lanes/file.ts";
import { laneForWp, requireLanes, type WpLane } from "../lanes/lookup.ts";
import { laneSync } from "./remote-lane.ts";

export interface RepoEvidence {
  repo: string;
  branch: string;
  commit: string;
}

/** The WP's lane head as `evidence.repos` records it; null when the WP has no lane or no commit here. */
export function laneHeadEvidence(
  mission: LanesMission,
  wpId: string,
  options: GitOptions & { manifest?: LanesManifest } = {},
): RepoEvidence | null {
  let manifest: LanesManifest;
  let lane: WpLane;
  try {
    manifest = options.manifest ?? requireLanes(mission);
    lane = laneForWp(mission, wpId, manifest);
  } catch (error) {
    if (isSpecKittyError(error)) return null; // no lanes.json, or a WP outside every lane
    throw error;
  }
  const repo = basename(mission.root);
  if (lane.isMainCheckout) {
    const commit = headCommit(mission.root, options);
    return commit ? { repo, branch: lane.branch, commit } : null;
  }
  // The remote every other lane question uses (the one the target branch tracks), not the lane's own.
  const sync = laneSync(mission.root, lane, manifest.targetBranch, options);
  const commit = sync.local ?? sync.remoteSha;
  return commit ? { repo, branch: lane.branch, commit } : null;
}
