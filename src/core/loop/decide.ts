/**
 * What an agent should do now, given the mission's state. Pure: the same state and agent always give
 * the same decision. Every decision names the one command that carries it out, and that command
 * applies the same gates (dependency gate, transition table), so a decision can always be executed.
 */
import {
  type Claimant,
  describeClaimant,
  describeConflict,
  resolveClaimCommand,
  sameClaimant,
} from "../status/claims.ts";
import { currentStep, finalizeGaps, STEP_ACTION, type Step } from "./phase.ts";
import { describeUnmet, heldBy, type MissionState, unmetDependencies } from "./state.ts";

export interface LoopDecision {
  kind: "step" | "blocked" | "terminal";
  step: Step;
  action: string | null;
  wpId: string | null;
  /** The command to run next (null for the writing steps, whose prompt explains what to write). */
  command: string | null;
  reason: string | null;
  /** For blocked decisions: what would unblock it. */
  unblock: string[];
}

export function actionCommand(
  action: string,
  slug: string,
  agent: string,
  wpId: string | null,
): string | null {
  const wp = wpId ? ` ${wpId}` : "";
  switch (action) {
    case "implement":
      return `spec-kitty agent action implement${wp} --agent ${agent} --mission ${slug}`;
    case "review":
      return `spec-kitty agent action review${wp} --agent ${agent} --mission ${slug}`;
    case "accept":
      return `spec-kitty accept --mission ${slug}`;
    case "merge":
      return `spec-kitty merge --mission ${slug}`;
    default:
      return null;
  }
}

function step(
  state: MissionState,
  s: Step,
  agent: string,
  wpId: string | null,
  reason: string | null,
): LoopDecision {
  const action = STEP_ACTION[s];
  const command =
    s === "tasks_finalize"
      ? `spec-kitty agent mission finalize-tasks --mission ${state.mission.slug}`
      : action
        ? actionCommand(action, state.mission.slug, agent, wpId)
        : null;
  return { kind: "step", step: s, action, wpId, command, reason, unblock: [] };
}

/** The WP to work on in the implement/review steps, or a blocked decision saying why there is none. */
function pickWork(state: MissionState, s: Step, me: Claimant): LoopDecision {
  const slug = state.mission.slug;
  const agent = me.actor;
  // A double claim I am party to comes first: neither claimant may carry on until one is kept.
  const mine = state.conflicts.find((c) => c.claims.some((claim) => sameClaimant(claim, me)));
  if (mine) {
    return {
      kind: "blocked",
      step: s,
      action: STEP_ACTION[s],
      wpId: mine.wp_id,
      command: null,
      reason: describeConflict(slug, mine),
      unblock: [resolveClaimCommand(slug, mine)],
    };
  }
  const conflicted = new Set(state.conflicts.map((c) => c.wp_id));
  // Only a WP with a readable file can be worked on: the log may know WPs whose file is gone or broken.
  const active = state.wps.filter(
    (wp) => wp.lane !== "canceled" && wp.file !== null && !conflicted.has(wp.id),
  );
  const own = active.find((wp) => (wp.lane === "claimed" || wp.lane === "in_progress") && heldBy(wp, me));
  if (own) return step(state, "implement", agent, own.id, `resume ${own.id}: it is ${own.lane} with you`);
  const ownReview = active.find((wp) => wp.lane === "in_review" && heldBy(wp, me));
  if (ownReview) return step(state, "review", agent, ownReview.id, `resume the review of ${ownReview.id}`);
  // Reviews first: an approval is what unblocks dependents.
  const review = active.find((wp) => wp.lane === "for_review");
  if (review) return step(state, "review", agent, review.id, `${review.id} is waiting for review`);
  const ready = active.find((wp) => wp.lane === "planned" && unmetDependencies(state, wp).length === 0);
  if (ready)
    return step(state, "implement", agent, ready.id, `${ready.id} is planned and its dependencies are met`);
  const waits: string[] = [];
  const unblock: string[] = [];
  for (const wp of active) {
    if (wp.lane === "planned") {
      const unmet = unmetDependencies(state, wp);
      waits.push(`${wp.id} waits for ${describeUnmet(unmet)}`);
      for (const dep of unmet)
        unblock.push(`${dep.wpId} reaching approved (implement it, hand it to review, approve it)`);
    } else if (wp.lane === "claimed" || wp.lane === "in_progress" || wp.lane === "in_review") {
      const holder = wp.actor ? describeClaimant({ actor: wp.actor, person: wp.person }) : "someone";
      waits.push(`${wp.id} is ${wp.lane} with ${holder}`);
      unblock.push(`${wp.actor ?? "its holder"} finishing ${wp.id}`);
    } else if (wp.lane === "blocked") {
      waits.push(`${wp.id} is blocked`);
      unblock.push(
        `spec-kitty agent tasks move-task ${wp.id} --to in_progress --mission ${slug} (once the blocker is gone)`,
      );
    }
  }
  for (const conflict of state.conflicts) {
    waits.push(describeConflict(slug, conflict));
    unblock.push(resolveClaimCommand(slug, conflict));
  }
  for (const wp of state.wps) {
    if (wp.file !== null || wp.lane === "canceled" || wp.lane === "done" || wp.lane === "approved") continue;
    waits.push(`${wp.id} (${wp.lane}) has no readable WP file`);
    unblock.push(`restore or repair ${wp.id}'s file in kitty-specs/${slug}/tasks/`);
  }
  return {
    kind: "blocked",
    step: s,
    action: STEP_ACTION[s],
    wpId: null,
    command: null,
    reason: `no work package is ready for ${agent}: ${waits.join("; ")}`,
    unblock: [...new Set(unblock)],
  };
}

export function decide(state: MissionState, me: Claimant): LoopDecision {
  const agent = me.actor;
  const s = currentStep(state);
  switch (s) {
    case "done":
      return {
        kind: "terminal",
        step: s,
        action: null,
        wpId: null,
        command: null,
        reason: "every work package is done: the mission is complete",
        unblock: [],
      };
    case "implement":
    case "review":
      return pickWork(state, s, me);
    case "tasks_finalize":
      return step(state, s, agent, null, finalizeGaps(state).join("; "));
    case "accept":
      return step(state, s, agent, null, "every work package is approved or done");
    case "merge":
      return step(state, s, agent, null, "the mission is accepted; merge the lanes into the target branch");
    default:
      return step(state, s, agent, null, writingReason(state, s).join("; ") || null);
  }
}

/** What the writing steps still miss: the reason their prompts and `guard_failures` name. */
export function writingReason(state: MissionState, s: Step): string[] {
  const dir = `kitty-specs/${state.mission.slug}`;
  switch (s) {
    case "specify":
      return state.specGaps;
    case "plan":
      return state.planGaps;
    case "tasks_outline":
      return [`${dir}/tasks.md does not exist yet`];
    case "tasks_packages":
      return [`${dir}/tasks/ has no WPnn-*.md work package files yet`];
    default:
      return [];
  }
}
