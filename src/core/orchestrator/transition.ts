/**
 * `transition`: one explicit lane change, through the one status write path (`appendTransitions`),
 * so the transition table and its guards decide. What the original adds on top is kept: the policy
 * requirement for run-affecting targets, JSON evidence, the 1.3.0 review result (which satisfies the
 * "leaving in_review needs a review result" guard without --force), inferred guard inputs for
 * in_progress → for_review, and the for_review commit gate for lane WPs.
 */
import { SpecKittyError } from "../errors.ts";
import { runGit } from "../git/run.ts";
import { PLANNING_LANE } from "../lanes/compute.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { CONFLICT_EXITS, claimConflictError } from "../status/claims.ts";
import { appendTransitions } from "../status/emit.ts";
import { parseLane, type StatusLane } from "../status/lane.ts";
import { uncheckedSubtasks } from "../tasks/subtasks.ts";
import { findWpFile } from "../tasks/wp-list.ts";
import { identityOf, type MissionSource } from "./identity.ts";
import { policyFor } from "./policy.ts";
import { workspaceFields } from "./read.ts";

/** Target lanes a provider may only move to with `--policy` (the active lanes). */
const POLICY_LANES: ReadonlySet<StatusLane> = new Set([
  "claimed",
  "in_progress",
  "for_review",
  "in_review",
  "approved",
]);

export interface ReviewResult {
  reviewer: string;
  verdict: "approved" | "changes_requested";
  reference: string;
  feedback_path?: string;
}

export interface TransitionRequest {
  wpId: string;
  to: string;
  actor: string;
  note?: string;
  policy?: string;
  force: boolean;
  reviewRef?: string;
  evidenceJson?: string;
  reviewResultJson?: string;
  subtasksComplete?: boolean;
  implementationEvidencePresent?: boolean;
  env: Record<string, string | undefined>;
}

/** A malformed JSON argument: USAGE_ERROR in the envelope, but exit 1 (as the original's `_fail`). */
const badJson = (message: string) => new SpecKittyError("JSON_ARGUMENT_INVALID", message);

function parseObject(raw: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw badJson(`Invalid JSON in ${flag}: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw badJson(`${flag} must decode to a JSON object`);
  return value as Record<string, unknown>;
}

export function parseReviewResult(raw: string): ReviewResult {
  const obj = parseObject(raw, "--review-result-json");
  const text = (key: string) => typeof obj[key] === "string" && (obj[key] as string).trim() !== "";
  if (!text("reviewer") || !text("verdict") || !text("reference"))
    throw badJson("--review-result-json requires non-empty reviewer, verdict, and reference strings");
  if (obj.verdict !== "approved" && obj.verdict !== "changes_requested")
    throw badJson("--review-result-json verdict must be 'approved' or 'changes_requested'");
  if (obj.feedback_path !== undefined && obj.feedback_path !== null && typeof obj.feedback_path !== "string")
    throw badJson("--review-result-json feedback_path must be a string");
  const result: ReviewResult = {
    reviewer: obj.reviewer as string,
    verdict: obj.verdict,
    reference: obj.reference as string,
  };
  if (typeof obj.feedback_path === "string") result.feedback_path = obj.feedback_path;
  return result;
}

/** Commits on the lane branch beyond its base: the work a WP hands to review must exist. */
function laneCommitsBeyondBase(
  root: string,
  branch: string,
  base: string,
  env: TransitionRequest["env"],
): number {
  const result = runGit(root, ["rev-list", "--count", `${base}..${branch}`], { env });
  return result.code === 0 ? Number(result.stdout.trim()) || 0 : 0;
}

function forReviewGate(mission: MissionRef, wpId: string, env: TransitionRequest["env"]): void {
  const lane = workspaceFields(mission, wpId);
  if (lane.lane_id === undefined || lane.lane_id === PLANNING_LANE) return;
  const branch = lane.lane_branch as string;
  const base = lane.lane_base_ref as string;
  if (laneCommitsBeyondBase(mission.root, branch, base, env) > 0) return;
  throw new SpecKittyError(
    "NO_LANE_COMMIT",
    `${wpId} cannot go to for_review: lane ${lane.lane_id} (${branch}) has no commit beyond ${base}`,
    {
      fix: "commit the work on the lane branch first, or pass --force with --note",
      details: { ...identityOf(mission), wp_id: wpId, lane_id: lane.lane_id },
    },
  );
}

/** The evidence to store: the given JSON, with the review result as `review` when it has none. */
function evidenceOf(req: TransitionRequest, review: ReviewResult | null): Record<string, unknown> | null {
  const given = req.evidenceJson === undefined ? null : parseObject(req.evidenceJson, "--evidence-json");
  if (!review) return given;
  if (given && typeof given.review === "object" && given.review !== null) return given;
  const { reviewer, verdict, reference } = review;
  return { ...(given ?? {}), review: { reviewer, verdict, reference } };
}

export async function transition(
  source: MissionSource,
  req: TransitionRequest,
): Promise<Record<string, unknown>> {
  const to = parseLane(req.to);
  const policy = policyFor(req.policy, POLICY_LANES.has(to), `when transitioning to '${to}'`);
  const review = req.reviewResultJson === undefined ? null : parseReviewResult(req.reviewResultJson);
  const evidence = evidenceOf(req, review);
  const mission = source();
  const wp = findWpFile(mission, req.wpId);
  if (to === "for_review" && !req.force) forReviewGate(mission, wp.id, req.env);
  const [event] = await appendTransitions(
    mission,
    (snapshot, team) => {
      // A double claim: nothing carries the WP on until one claimant is kept (moving it back to
      // planned or parking it is fine, and --force is the override), as `move-task` refuses it.
      const conflict = team.conflicts.find((c) => c.wp_id === wp.id);
      if (conflict && !req.force && !CONFLICT_EXITS.has(to)) throw claimConflictError(mission.slug, conflict);
      return [
        {
          wpId: wp.id,
          to,
          actor: req.actor,
          force: req.force,
          reason: req.note ?? null,
          reviewRef: req.reviewRef ?? null,
          evidence,
          policyMetadata: policy as unknown as Record<string, unknown> | null,
          // Omitted guard inputs are inferred, as the original does: no unchecked subtask left in the
          // WP's tasks.md section; any earlier event of the WP counts as implementation evidence.
          subtasksComplete: req.subtasksComplete ?? uncheckedSubtasks(mission.dir, wp.id).length === 0,
          implementationEvidencePresent:
            req.implementationEvidencePresent ?? snapshot.work_packages[wp.id] !== undefined,
        },
      ];
    },
    { env: req.env },
  );
  if (!event) throw new Error("appendTransitions returned no event"); // one input, one event
  return {
    ...identityOf(mission),
    wp_id: wp.id,
    from_lane: event.from_lane,
    to_lane: event.to_lane,
    policy_metadata_recorded: policy !== null,
  };
}
