import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import type { CommitOutcome } from "../git/commit.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type Claimant, describeClaimant } from "../status/claims.ts";
import type { StatusEvent } from "../status/event.ts";
import { ensureWorkspace, undoWorkspace, type Workspace } from "../workspace/ensure.ts";
import { claimAndCommit } from "./claim.ts";
import { nextCyclePath } from "./review-cycle.ts";
import {
  claimantOf,
  type FiledWp,
  heldBy,
  type MissionState,
  namedWp,
  readMissionState,
  type WpView,
  withFile,
} from "./state.ts";

export interface ReviewOptions {
  mission: MissionRef;
  wpId?: string;
  agent: string;
  env: Record<string, string | undefined>;
  /** Recorded on the claim's event (orchestrator-api start-review --review-ref / --policy). */
  reviewRef?: string | null;
  policyMetadata?: Record<string, unknown> | null;
}

export interface ReviewOutcome {
  state: MissionState;
  wp: FiledWp;
  workspace: Workspace;
  events: StatusEvent[];
  resumed: boolean;
  /** Project-relative path where a rejection's feedback should be written (the next review cycle). */
  feedbackPath: string;
  /** What happened to the claim's auto-commit (null when it was off or nothing changed). */
  commit: CommitOutcome | null;
}

function pick(state: MissionState, wpId: string | undefined, me: Claimant): WpView {
  if (wpId) return namedWp(state, wpId);
  const found =
    state.wps.find((w) => w.lane === "in_review" && heldBy(w, me)) ??
    state.wps.find((w) => w.lane === "for_review");
  if (found) return found;
  throw new SpecKittyError(
    "NO_WP_FOR_REVIEW",
    `no work package of ${state.mission.slug} is waiting for review`,
    {
      fix: `run \`spec-kitty next --agent ${me.actor} --mission ${state.mission.slug}\` to see what to do`,
    },
  );
}

function checkReviewable(wp: WpView, me: Claimant): boolean {
  if (wp.lane === "for_review") return false;
  if (wp.lane === "in_review" && heldBy(wp, me)) return true;
  if (wp.lane === "in_review") {
    const holder = describeClaimant({ actor: wp.actor ?? "someone", person: wp.person });
    throw new SpecKittyError("WP_HELD", `${wp.id} is already being reviewed by ${holder}`, {
      fix: `let ${wp.actor} finish the review, or pick another WP`,
      details: { wp_id: wp.id, holder: wp.actor },
    });
  }
  throw new SpecKittyError(
    "WP_NOT_REVIEWABLE",
    `${wp.id} is ${wp.lane}; only for_review WPs can be reviewed`,
    {
      fix:
        wp.lane === "in_progress"
          ? `the implementer hands it over with \`spec-kitty agent tasks move-task ${wp.id} --to for_review\``
          : "ask `spec-kitty next` what to do",
      details: { wp_id: wp.id, lane: wp.lane },
    },
  );
}

export async function reviewWp(options: ReviewOptions): Promise<ReviewOutcome> {
  const { mission, agent, env } = options;
  const me = claimantOf(agent, mission.root, env);
  const state = readMissionState(mission);
  const picked = pick(state, options.wpId, me);
  const resumed = checkReviewable(picked, me);
  const wp = withFile(picked, state);
  // The folder the reviewer is told to write a rejection into is made after the claim: checked first,
  // so a folder leading out of the project refuses the review before anything is written.
  const feedbackPath = nextCyclePath(mission, wp.file);
  const feedbackDir = containedPath(mission.root, dirname(join(mission.root, feedbackPath)));
  // Uncommitted files in the lane are shown to the reviewer, not refused: judging them is the review.
  const workspace = await ensureWorkspace(mission, wp.id, {
    env,
    allowDirty: true,
    manifest: state.manifest ?? undefined,
  });
  const mode = workspace.isMainCheckout ? "direct_repo" : "worktree";
  const { events, commit } = await claimAndCommit(mission, {
    wpId: wp.id,
    actor: agent,
    person: me.person,
    env,
    path: { for_review: ["in_review"], in_review: [] },
    executionMode: mode,
    workspacePath: workspace.isMainCheckout ? "." : relative(mission.root, workspace.workspacePath),
    frontmatter: { agent },
    keepExisting: [],
    note: "Started review",
    reason: "Started review via action command",
    reviewRef: options.reviewRef,
    policyMetadata: options.policyMetadata,
    commitMessage: `chore: Start ${wp.id} review [${agent}]`,
  }).catch((error: unknown) => {
    // A refused claim takes back the worktree made for it (see implement.ts).
    if (workspace.undo) undoWorkspace(mission.root, workspace.undo, { env });
    throw error;
  });
  // That folder exists from the start (git keeps no empty directory, so this leaves nothing to commit).
  mkdirSync(feedbackDir, { recursive: true });
  return { state, wp, workspace, events, resumed, feedbackPath, commit };
}
