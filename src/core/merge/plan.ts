/**
 * Deciding what a merge will do, before anything is touched: which lanes are merged, which WPs go
 * approved → done, which lanes are skipped and why, and the ordered step ids of the journal. Every
 * reason to refuse (unapproved WPs, a missing lane branch, uncommitted work in a lane worktree, a
 * missing target or remote) is found here, so a merge never fails after it has landed something.
 */
import { existsSync } from "node:fs";
import { SpecKittyError } from "../errors.ts";
import { branchHead, currentBranch, dirtyPaths, isAncestor, isGitRepo } from "../git/facts.ts";
import type { BranchSync } from "../git/remote.ts";
import { PLANNING_LANE } from "../lanes/compute.ts";
import { laneBranchName, laneWorktreePath, requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type ClaimConflict, claimConflictError } from "../status/claims.ts";
import type { StatusLane } from "../status/lane.ts";
import { laneOf, reduceWithTeam } from "../status/reducer.ts";
import { readEvents } from "../status/store.ts";
import type { Env } from "./git-ops.ts";
import type { JournalLane } from "./journal.ts";
import { checkLanesAgainstRemote, checkTargetForPush } from "./remote.ts";

export type Strategy = "merge" | "squash";

export interface MergeOptions {
  strategy: Strategy;
  push: boolean;
  skipUnapproved: boolean;
  /** With push: leave the merged lane branches on the remote. */
  keepRemoteBranches?: boolean;
}

export interface MergePlan {
  missionSlug: string;
  missionId: string | null;
  targetBranch: string;
  missionBranch: string;
  strategy: Strategy;
  push: boolean;
  remote: string | null;
  lanes: JournalLane[];
  doneWps: string[];
  skippedWps: string[];
  /** Journal step ids in order; empty when there is nothing to merge. */
  steps: string[];
  /** Each merged lane branch, here and on the remote (as of the last fetch). */
  syncs: Map<string, BranchSync>;
  /**
   * Why the merge must not start: a merged WP's double claim is unresolved, or where branches are
   * (see merge/remote.ts); else null.
   */
  refusal: SpecKittyError | null;
}

/** A WP that needs nothing more from merge: already done, or abandoned. */
const settled = (lane: StatusLane) => lane === "done" || lane === "canceled";

function unapprovedError(mission: MissionRef, blockers: { wp: string; lane: StatusLane; laneId: string }[]) {
  const list = blockers.map((b) => `${b.wp} (${b.lane}, ${b.laneId})`).join(", ");
  return new SpecKittyError("MERGE_UNAPPROVED", `not every WP is approved: ${list}; nothing was merged`, {
    fix: `finish and approve them, or run \`spec-kitty merge --mission ${mission.slug} --skip-unapproved\` to leave their lanes out`,
    details: { unapproved: blockers.map((b) => ({ wp_id: b.wp, lane: b.lane, lane_id: b.laneId })) },
  });
}

/**
 * `--push`'s remote: the one every other part of merge talks to (`defaultRemote`: the target's
 * tracking remote, else origin, else the only remote), so lanes are checked against the remote that
 * is pushed to.
 */
function pushRemote(remote: string | null, target: string): string {
  if (remote === null) {
    throw new SpecKittyError(
      "PUSH_REMOTE_MISSING",
      "--push: the repository has no remote to push to (none, or several and the target tracks none)",
      {
        fix: `add one (\`git remote add origin <url>\`), or pick one of several (\`git config branch.${target}.remote <name>\`), or merge without --push`,
      },
    );
  }
  return remote;
}

/**
 * A lane whose WPs were all marked done before their branch reached the target (an orchestrator
 * driving `orchestrator-api transition --to done` after review, as the original's does): its work
 * still has to be merged, without a second done event.
 */
function doneButUnmerged(
  root: string,
  branch: string,
  target: string,
  states: { lane: StatusLane }[],
  env: Env,
): boolean {
  if (!states.some((s) => s.lane === "done") || branchHead(root, branch, { env }) === null) return false;
  return !isAncestor(root, branch, target, { env });
}

/**
 * A WP two claimants claimed (after a sync) and nobody resolved: which claimant's work was approved is
 * not settled, so the merge must not land it or mark it done.
 */
function doubleClaimRefusal(
  mission: MissionRef,
  conflicts: readonly ClaimConflict[],
  doneWps: readonly string[],
  merging: readonly JournalLane[],
): SpecKittyError | null {
  const landed = new Set([...doneWps, ...merging.flatMap((l) => l.wp_ids)]);
  const conflict = conflicts.find((c) => landed.has(c.wp_id));
  return conflict ? claimConflictError(mission.slug, conflict) : null;
}

export function planMerge(mission: MissionRef, options: MergeOptions, env: Env): MergePlan {
  const root = mission.root;
  if (!isGitRepo(root, { env })) {
    throw new SpecKittyError("NOT_A_GIT_REPO", `${root} is not a git repository`, {
      fix: "merge combines git branches; run it in the project's git checkout",
    });
  }
  const manifest = requireLanes(mission);
  const target = manifest.targetBranch;
  if (branchHead(root, target, { env }) === null) {
    throw new SpecKittyError("TARGET_BRANCH_MISSING", `target branch '${target}' does not exist`, {
      fix: `create it, or correct target_branch in kitty-specs/${mission.slug}/lanes.json`,
    });
  }
  const events = readEvents(mission);
  const { snapshot, team } = reduceWithTeam(events);
  const blockers: { wp: string; lane: StatusLane; laneId: string }[] = [];
  const lanes: JournalLane[] = [];
  const doneWps: string[] = [];
  const skippedWps: string[] = [];
  for (const lane of manifest.lanes) {
    const states = lane.wp_ids.map((wp) => ({ wp, lane: laneOf(snapshot, wp) }));
    const open = states.filter((s) => !settled(s.lane) && s.lane !== "approved");
    const approved = states.filter((s) => s.lane === "approved").map((s) => s.wp);
    blockers.push(...open.map((s) => ({ ...s, laneId: lane.lane_id })));
    if (lane.lane_id === PLANNING_LANE) {
      // Planning work is already on the target branch: each approved WP is simply done, one by one.
      doneWps.push(...approved);
      skippedWps.push(...open.map((s) => s.wp));
      const reason = open.length ? `not approved: ${open.map((s) => s.wp).join(", ")}` : null;
      lanes.push({ lane_id: lane.lane_id, branch: target, wp_ids: lane.wp_ids, action: "planning", reason });
      continue;
    }
    const branch = laneBranchName(manifest.missionSlug, lane.lane_id);
    if (open.length > 0) {
      skippedWps.push(...lane.wp_ids.filter((wp) => !settled(laneOf(snapshot, wp))));
      const reason = `not approved: ${open.map((s) => s.wp).join(", ")}`;
      lanes.push({ lane_id: lane.lane_id, branch, wp_ids: lane.wp_ids, action: "skip", reason });
      continue;
    }
    if (approved.length === 0 && !doneButUnmerged(root, branch, target, states, env)) {
      lanes.push({
        lane_id: lane.lane_id,
        branch,
        wp_ids: lane.wp_ids,
        action: "already_done",
        reason: null,
      });
      continue;
    }
    lanes.push({ lane_id: lane.lane_id, branch, wp_ids: lane.wp_ids, action: "merge", reason: null });
    doneWps.push(...approved);
  }
  if (blockers.length > 0 && !options.skipUnapproved) throw unapprovedError(mission, blockers);

  const merging = lanes.filter((l) => l.action === "merge");
  // Local lanes, or the copies teammates pushed; behind or diverged ones refuse (merge/remote.ts).
  const remoteCheck = checkLanesAgainstRemote(root, mission.slug, target, lanes, events, env);
  for (const lane of merging) {
    const worktree = laneWorktreePath(root, manifest.missionSlug, lane.lane_id);
    const dirty = existsSync(worktree) ? dirtyPaths(worktree, { env, untracked: "all" }) : [];
    if (dirty.length > 0) {
      throw new SpecKittyError(
        "LANE_WORKTREE_DIRTY",
        `${lane.lane_id}: uncommitted changes in ${worktree}: ${dirty.slice(0, 10).join(", ")}`,
        {
          fix: "commit them on the lane branch (or discard them), then merge again; nothing was merged",
          details: { lane_id: lane.lane_id, worktree, files: dirty },
        },
      );
    }
  }
  const remote = options.push ? pushRemote(remoteCheck.remote, target) : null;
  const refusal =
    doubleClaimRefusal(mission, team.conflicts, doneWps, merging) ??
    remoteCheck.refusal ??
    (remote ? checkTargetForPush(root, target, remote, env) : null);

  const steps: string[] = [];
  if (doneWps.length > 0 || merging.length > 0) {
    steps.push("plan", "driver", ...merging.map((l) => `lane:${l.lane_id}`));
    if (merging.length > 0) steps.push("target");
    steps.push("verify", ...doneWps.map((wp) => `done:${wp}`));
    if (currentBranch(root, { env }) === target) steps.push("commit-status");
    if (options.push) steps.push("push");
    if (options.push && !options.keepRemoteBranches && merging.length > 0) steps.push("remote-branches");
    steps.push("cleanup");
  }
  return {
    missionSlug: manifest.missionSlug,
    missionId: mission.missionId,
    targetBranch: target,
    missionBranch: manifest.missionBranch,
    strategy: options.strategy,
    push: options.push,
    remote,
    lanes,
    doneWps,
    skippedWps,
    steps,
    syncs: remoteCheck.syncs,
    refusal,
  };
}
