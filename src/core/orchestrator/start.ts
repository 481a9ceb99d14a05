/**
 * `start-implementation` and `start-review`: the same claims `agent action implement|review` make
 * (through `implementWp`/`reviewWp`, so the dependency gate, the lane lookup, worktree creation and
 * setup, and the claim under the status lock are the loop's own), with the caller's policy stored on
 * the events and failures shaped as the original reports them.
 */
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import { implementWp } from "../loop/implement.ts";
import { reviewWp } from "../loop/review.ts";
import { DEPENDENCY_MET } from "../loop/state.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { dependenciesOf, findWpFile } from "../tasks/wp-list.ts";
import { identityOf, type MissionSource } from "./identity.ts";
import { policyFor } from "./policy.ts";
import { workspaceFields } from "./read.ts";

/** Internal codes that mean "the lane worktree could not be had" (mapped to LANE_ALLOCATION_FAILED). */
const ALLOCATION = new Set([
  "BASE_MISSING",
  "DETACHED_HEAD",
  "LANES_MISSING",
  "WP_NOT_IN_LANE",
  "NOT_A_GIT_REPO",
  "WORKTREE_CREATE_FAILED",
  "WORKTREE_DIRTY",
  "WORKTREE_INVALID",
  "WORKTREE_SETUP_FAILED",
  "WORKTREE_WRONG_BRANCH",
]);

/** Re-throws a loop error with the data keys the original puts on that failure. */
function reshape(error: unknown, mission: MissionRef, wpId: string, actor: string): never {
  if (!isSpecKittyError(error)) throw error;
  const identity = identityOf(mission);
  if (error.code === "WP_HELD") {
    const holder = (error.details?.holder as string | undefined) ?? null;
    throw new SpecKittyError(error.code, error.message, {
      details: { ...identity, claimed_by: holder, requesting_actor: actor },
    });
  }
  if (ALLOCATION.has(error.code)) {
    throw new SpecKittyError(error.code, error.message, {
      details: { ...identity, wp_id: wpId, reason: error.message },
    });
  }
  throw error;
}

export interface StartRequest {
  wpId: string;
  actor: string;
  policy: string | undefined;
  env: Record<string, string | undefined>;
}

/** `start-implementation`: planned → claimed → in_progress (claimed → in_progress; in_progress: no-op). */
export async function startImplementation(
  source: MissionSource,
  req: StartRequest,
): Promise<Record<string, unknown>> {
  const policy = policyFor(req.policy, true, "for start-implementation");
  const mission = source();
  const wp = findWpFile(mission, req.wpId);
  const snapshot = loadSnapshot(mission);
  const fromLane = laneOf(snapshot, wp.id);
  if (fromLane === "planned" || fromLane === "claimed") {
    const unsatisfied = dependenciesOf(wp).filter((dep) => !DEPENDENCY_MET.has(laneOf(snapshot, dep)));
    if (unsatisfied.length > 0) {
      throw new SpecKittyError(
        "DEPENDENCIES_NOT_MET",
        `dependencies_not_satisfied: ${wp.id} depends on ${unsatisfied.join(", ")}; all dependencies must be approved or done before implementation can start`,
        { details: { ...identityOf(mission), wp_id: wp.id, unsatisfied_dependencies: unsatisfied } },
      );
    }
  }
  const outcome = await implementWp({
    mission,
    wpId: wp.id,
    agent: req.actor,
    env: req.env,
    policyMetadata: policy as unknown as Record<string, unknown>,
  }).catch((error: unknown) => reshape(error, mission, wp.id, req.actor));
  const lane = workspaceFields(mission, wp.id);
  const data: Record<string, unknown> = {
    ...identityOf(mission),
    wp_id: wp.id,
    from_lane: outcome.wp.lane,
    to_lane: "in_progress",
    workspace_path: outcome.workspace.workspacePath,
    prompt_path: wp.path,
    policy_metadata_recorded: true,
    no_op: outcome.events.length === 0,
  };
  if (lane.lane_id !== undefined) {
    data.lane_id = lane.lane_id;
    data.lane_branch = lane.lane_branch;
    data.lane_base_ref = outcome.workspace.baseRef;
  }
  return data;
}

export interface StartReviewRequest extends StartRequest {
  reviewRef: string | undefined;
}

/** `start-review`: for_review → in_review (in_review with the same reviewer: no-op). */
export async function startReview(
  source: MissionSource,
  req: StartReviewRequest,
): Promise<Record<string, unknown>> {
  const policy = policyFor(req.policy, true, "for start-review");
  const mission = source();
  const wp = findWpFile(mission, req.wpId);
  const outcome = await reviewWp({
    mission,
    wpId: wp.id,
    agent: req.actor,
    env: req.env,
    reviewRef: req.reviewRef ?? null,
    policyMetadata: policy as unknown as Record<string, unknown>,
  }).catch((error: unknown) => reshape(error, mission, wp.id, req.actor));
  return {
    ...identityOf(mission),
    wp_id: wp.id,
    from_lane: outcome.wp.lane,
    to_lane: "in_review",
    prompt_path: wp.path,
    policy_metadata_recorded: true,
    no_op: outcome.events.length === 0,
  };
}
