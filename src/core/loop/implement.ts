/**
 * Starting (or resuming) the implementation of a WP: the shared core of `spec-kitty agent action
 * implement` and the internal `spec-kitty implement`. It applies the same dependency gate as `next`,
 * gets the workspace through the one lane lookup, and claims the WP (planned → claimed → in_progress).
 */
import { relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import type { CommitOutcome } from "../git/commit.ts";
import { headCommit } from "../git/facts.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type Claimant, describeClaimant } from "../status/claims.ts";
import type { StatusEvent } from "../status/event.ts";
import { ensureWorkspace, undoWorkspace, type Workspace } from "../workspace/ensure.ts";
import { claimAndCommit } from "./claim.ts";
import { latestFeedback, type ReviewFeedback } from "./review-cycle.ts";
import {
  claimantOf,
  describeUnmet,
  type FiledWp,
  heldBy,
  type MissionState,
  namedWp,
  readMissionState,
  unmetDependencies,
  type WpView,
  withFile,
} from "./state.ts";

export interface ImplementOptions {
  mission: MissionRef;
  wpId?: string;
  /** The agent taking the WP; null for a direct `spec-kitty implement` (actor `implement-command`). */
  agent: string | null;
  base?: string;
  env: Record<string, string | undefined>;
  /** Recorded on the claim's events (orchestrator-api start-implementation --policy). */
  policyMetadata?: Record<string, unknown> | null;
}

export interface ImplementOutcome {
  state: MissionState;
  wp: FiledWp;
  workspace: Workspace;
  events: StatusEvent[];
  resumed: boolean;
  feedback: ReviewFeedback | null;
  /** What happened to the claim's auto-commit (null when it was off or nothing changed). */
  commit: CommitOutcome | null;
}

function pick(state: MissionState, wpId: string | undefined, me: Claimant): WpView {
  if (wpId) return namedWp(state, wpId);
  const own = state.wps.find((w) => (w.lane === "claimed" || w.lane === "in_progress") && heldBy(w, me));
  const ready = state.wps.find(
    (w) => w.lane === "planned" && w.hasStatus && unmetDependencies(state, w).length === 0,
  );
  const found = own ?? ready;
  if (found) return found;
  throw new SpecKittyError("NO_WP_READY", `no work package of ${state.mission.slug} is ready to implement`, {
    fix: `run \`spec-kitty next --agent <agent> --mission ${state.mission.slug}\` to see why`,
  });
}

/**
 * Whether the WP is already under way for `me` (a resume), or throws why it cannot be started.
 * The internal `spec-kitty implement` (no agent) resumes a WP in progress with anyone: its direct
 * callers (scripts, orchestrators) ask it for the workspace again, they do not take the WP over.
 */
function checkStartable(state: MissionState, wp: WpView, me: Claimant, internal: boolean): boolean {
  const slug = state.mission.slug;
  if (!wp.hasStatus) {
    throw new SpecKittyError("WP_NO_STATUS", `${wp.id} has no status events yet`, {
      fix: `run \`spec-kitty agent mission finalize-tasks --mission ${slug}\` first`,
    });
  }
  if (wp.lane === "claimed" || wp.lane === "in_progress") {
    if (internal || heldBy(wp, me)) return true;
    const holder = describeClaimant({ actor: wp.actor ?? "someone", person: wp.person });
    throw new SpecKittyError(
      "WP_HELD",
      `${wp.id} is ${wp.lane} with ${holder}, not ${describeClaimant(me)}`,
      {
        fix: `let ${wp.actor} finish it, or take it over: \`spec-kitty agent tasks move-task ${wp.id} --to in_progress --force --agent ${me.actor} --reason "take over from ${wp.actor}" --mission ${slug}\`, then run this again`,
        details: { wp_id: wp.id, lane: wp.lane, holder: wp.actor, holder_person: wp.person },
      },
    );
  }
  if (wp.lane !== "planned") {
    const hint: Record<string, string> = {
      for_review: `it waits for review: \`spec-kitty agent action review ${wp.id} --agent <agent> --mission ${slug}\``,
      in_review: "it is being reviewed; a rejection sends it back to planned",
      approved: "it is approved; nothing left to implement",
      done: "it is done",
      blocked: `unblock it first: \`spec-kitty agent tasks move-task ${wp.id} --to in_progress --mission ${slug}\``,
      canceled: "it was canceled",
    };
    throw new SpecKittyError(
      "WP_NOT_IMPLEMENTABLE",
      `${wp.id} is ${wp.lane}, so it cannot be implemented now`,
      {
        fix: hint[wp.lane] ?? "ask `spec-kitty next` what to do",
        details: { wp_id: wp.id, lane: wp.lane },
      },
    );
  }
  const unmet = unmetDependencies(state, wp);
  if (unmet.length > 0) {
    throw new SpecKittyError(
      "DEPENDENCIES_NOT_MET",
      `${wp.id} depends on work that is not approved yet: ${describeUnmet(unmet)}`,
      {
        fix: `finish and approve ${unmet.map((d) => d.wpId).join(", ")} first (\`spec-kitty next\` hands out WPs in a valid order)`,
        details: { wp_id: wp.id, unmet: unmet.map((d) => ({ wp_id: d.wpId, lane: d.lane })) },
      },
    );
  }
  return false;
}

export async function implementWp(options: ImplementOptions): Promise<ImplementOutcome> {
  const { mission, env } = options;
  const actor = options.agent ?? "implement-command";
  const me = claimantOf(actor, mission.root, env);
  const state = readMissionState(mission);
  const picked = pick(state, options.wpId, me);
  const internal = options.agent === null;
  const resumed = checkStartable(state, picked, me, internal);
  const wp = withFile(picked, state);
  const workspace = await ensureWorkspace(mission, wp.id, {
    base: options.base,
    env,
    allowDirty: resumed,
    manifest: state.manifest ?? undefined,
  });
  const feedback = latestFeedback(mission, wp.id);
  // The internal command resuming someone's WP only reports its workspace: no event, no file change.
  if (internal && resumed) return { state, wp, workspace, events: [], resumed, feedback, commit: null };
  const { events, commit } = await claim(options, wp.id, workspace, resumed, me).catch((error: unknown) => {
    // The claim was refused (moved meanwhile, a WP file that cannot be written…): the worktree made
    // for it goes again, so a failed implement leaves nothing behind.
    if (workspace.undo) undoWorkspace(mission.root, workspace.undo, { env });
    throw error;
  });
  return { state, wp, workspace, events, resumed, feedback, commit };
}

function claim(
  options: ImplementOptions,
  wpId: string,
  workspace: Workspace,
  resumed: boolean,
  me: Claimant,
) {
  const { mission, env } = options;
  const actor = me.actor;
  const mode = workspace.isMainCheckout ? "direct_repo" : "worktree";
  // spec-kitty's strict WP model takes a base_commit only as a hex SHA (or "unknown"): none is written
  // when the workspace has no commit yet, rather than an empty string every upstream reader rejects.
  const baseCommit = headCommit(workspace.workspacePath, { env });
  const frontmatter: Record<string, unknown> = {
    base_branch: workspace.baseRef,
    ...(baseCommit ? { base_commit: baseCommit } : {}),
  };
  if (options.agent) frontmatter.agent = options.agent;
  return claimAndCommit(mission, {
    wpId,
    actor,
    person: me.person,
    path: { planned: ["claimed", "in_progress"], claimed: ["in_progress"], in_progress: [] },
    executionMode: mode,
    workspacePath: workspace.isMainCheckout ? "." : relative(mission.root, workspace.workspacePath),
    frontmatter,
    // The first claim fixes where the WP's own changes start; a re-claim after review keeps it.
    keepExisting: ["base_branch", "base_commit"],
    note: resumed ? "Resumed implementation" : "Started implementation",
    policyMetadata: options.policyMetadata,
    commitMessage: `chore: Start ${wpId} implementation${options.agent ? ` [${options.agent}]` : ""}`,
    env,
  });
}
