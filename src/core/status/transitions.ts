import { SpecKittyError } from "../errors.ts";
import type { StatusLane } from "./lane.ts";

/**
 * The upstream transition table. This file is the only place that knows which moves are legal:
 * every emitter (move-task, emit, the agent loop) asks `checkTransition`.
 */
const ALLOWED: Readonly<Record<StatusLane, readonly StatusLane[]>> = {
  planned: ["claimed", "blocked", "canceled"],
  claimed: ["in_progress", "blocked", "canceled"],
  in_progress: ["for_review", "approved", "planned", "blocked", "canceled"],
  for_review: ["in_review", "blocked", "canceled"],
  in_review: ["approved", "done", "in_progress", "planned", "blocked", "canceled"],
  approved: ["done", "in_progress", "planned", "blocked", "canceled"],
  done: [],
  blocked: ["in_progress", "canceled"],
  canceled: [],
};

/**
 * Moves spec-kitty 3.0's table allowed that 3.1 removed when it added `in_review` (the reviewer
 * approved or sent back straight from for_review). Logs written then hold them; replaying a recorded
 * log accepts them, new moves never do.
 */
const ALLOWED_BEFORE_3_1: Readonly<Partial<Record<StatusLane, readonly StatusLane[]>>> = {
  for_review: ["approved", "done", "in_progress", "planned"],
};

/** Everything a guard may look at. Only `from`, `to` and `force` are always needed. */
export interface TransitionRequest {
  from: StatusLane;
  to: StatusLane;
  force?: boolean;
  actor?: string | null;
  reason?: string | null;
  reviewRef?: string | null;
  evidence?: Record<string, unknown> | null;
  workspaceContext?: string | null;
  subtasksComplete?: boolean;
  implementationEvidencePresent?: boolean;
  /** Why the implementation evidence is missing (what `loop/handoff.ts` found), for the refusal. */
  evidenceProblems?: readonly string[];
  /** The reviewer already holding the WP, if known: for_review→in_review must be taken by them. */
  currentReviewer?: string | null;
  /**
   * Replaying a recorded log: the guards' inputs were never stored, so only the table is checked (the
   * table of any era: moves spec-kitty 3.0 allowed are accepted).
   */
  skipGuards?: boolean;
}

export type TransitionVerdict =
  | { ok: true }
  | {
      ok: false;
      code: "ILLEGAL_TRANSITION" | "TRANSITION_GUARD" | "FORCE_NEEDS_ACTOR_AND_REASON";
      message: string;
    };

const blank = (value: string | null | undefined): boolean => !value || value.trim() === "";

export function isAllowedPair(from: StatusLane, to: StatusLane): boolean {
  return ALLOWED[from].includes(to);
}

/** The lanes reachable from `from` without force (for error hints and help text). */
export function allowedTargets(from: StatusLane): readonly StatusLane[] {
  return ALLOWED[from];
}

/** `evidence.review` with a non-blank reviewer and reference (and verdict when `needVerdict`). */
function hasReview(evidence: Record<string, unknown> | null | undefined, needVerdict: boolean): boolean {
  const review = evidence?.review as Record<string, unknown> | undefined;
  if (!review || typeof review !== "object") return false;
  const text = (key: string) => typeof review[key] === "string" && !blank(review[key] as string);
  return text("reviewer") && text("reference") && (!needVerdict || text("verdict"));
}

function guard(req: TransitionRequest): string | undefined {
  const { from, to } = req;
  if (from === "planned" && to === "claimed" && blank(req.actor)) return "claiming a WP needs an actor";
  if (from === "claimed" && to === "in_progress" && blank(req.workspaceContext))
    return "starting work needs a workspace context";
  if (from === "in_progress" && to === "for_review") {
    if (!req.subtasksComplete) return "all subtasks must be complete before review";
    if (!req.implementationEvidencePresent) {
      const why = req.evidenceProblems?.length ? `: ${req.evidenceProblems.join("; ")}` : "";
      return `implementation evidence must be present before review${why}`;
    }
  }
  if (
    ((from === "in_progress" && to === "approved") || (from === "approved" && to === "done")) &&
    !hasReview(req.evidence, false)
  )
    return `${from} -> ${to} needs review evidence (reviewer and reference)`;
  if (from === "for_review" && to === "in_review") {
    if (blank(req.actor)) return "taking a review needs an actor";
    if (!blank(req.currentReviewer) && req.currentReviewer !== req.actor)
      return `the review is held by ${req.currentReviewer}`;
  }
  if (from === "in_review" && to !== "blocked" && to !== "canceled" && !hasReview(req.evidence, true))
    return `leaving in_review needs a review result (reviewer, verdict, reference)`;
  if (from === "approved" && (to === "in_progress" || to === "planned") && blank(req.reviewRef))
    return `${from} -> ${to} needs a review reference`;
  if (from === "in_progress" && to === "planned" && blank(req.reason))
    return "sending a WP back needs a reason";
  return undefined;
}

/**
 * Decides whether one transition may happen. Force allows any pair (self-moves included) but always
 * needs an actor and a reason, so every override is attributable.
 */
export function checkTransition(req: TransitionRequest): TransitionVerdict {
  if (req.force) {
    if (blank(req.actor) || blank(req.reason))
      return {
        ok: false,
        code: "FORCE_NEEDS_ACTOR_AND_REASON",
        message: "forced transitions need an actor and a reason",
      };
    return { ok: true };
  }
  const recordedEarlier =
    req.skipGuards === true && (ALLOWED_BEFORE_3_1[req.from]?.includes(req.to) ?? false);
  if (!isAllowedPair(req.from, req.to) && !recordedEarlier)
    return { ok: false, code: "ILLEGAL_TRANSITION", message: `illegal transition: ${req.from} -> ${req.to}` };
  const failed = req.skipGuards ? undefined : guard(req);
  return failed ? { ok: false, code: "TRANSITION_GUARD", message: failed } : { ok: true };
}

/** `checkTransition`, throwing the refusal as a typed error naming the WP. */
export function assertTransition(wpId: string, req: TransitionRequest): void {
  const verdict = checkTransition(req);
  if (verdict.ok) return;
  const targets = allowedTargets(req.from);
  const fix =
    verdict.code === "FORCE_NEEDS_ACTOR_AND_REASON"
      ? "pass --actor/--agent and --reason with --force"
      : verdict.code === "ILLEGAL_TRANSITION"
        ? `from ${req.from} a WP can move to: ${targets.join(", ") || "nothing (terminal)"}; --force with a reason overrides`
        : req.from === "in_progress" && req.to === "for_review" && req.implementationEvidencePresent === false
          ? "commit the WP's work where it is worked on, then hand it over again; --force with a --reason overrides"
          : "supply what the guard asks for, or use --force with an actor and a reason";
  throw new SpecKittyError(verdict.code, `${wpId}: ${verdict.message}`, {
    fix,
    details: {
      wp_id: wpId,
      from_lane: req.from,
      to_lane: req.to,
      ...(req.evidenceProblems?.length ? { evidence_problems: req.evidenceProblems } : {}),
    },
  });
}
