/**
 * A WP's runtime state besides its lane (spec-kitty 3.2.6 "runtime slots"): who holds it and in which
 * shell, subtasks done, notes, tracker refs, a review override. Set by annotation rows and by the
 * claim's `policy_metadata`, carried across every lane transition. Slots are present only once set,
 * so a log without any of this reduces to exactly the 3.1 status shape.
 */
import type { AnnotationDelta, StatusEvent } from "./event.ts";

export interface ReviewOverride {
  at: string | null;
  actor: string | null;
  wp_id: string | null;
  reason: string | null;
}

export interface WpRuntime {
  shell_pid?: number | string | null;
  shell_pid_created_at?: string | number | null;
  subtasks?: Record<string, string>;
  notes?: string[];
  tracker_refs?: string[];
  agent?: string | null;
  assignee?: string | null;
  review?: ReviewOverride | null;
  role?: string | null;
  agent_profile?: string | null;
  agent_profile_version?: string | null;
  model?: string | null;
  provider?: string | null;
}

/** Every runtime slot, carried forward by a lane transition. */
const RUNTIME_SLOTS = [
  "shell_pid",
  "shell_pid_created_at",
  "subtasks",
  "notes",
  "tracker_refs",
  "agent",
  "assignee",
  "review",
  "role",
  "agent_profile",
  "agent_profile_version",
  "model",
  "provider",
] as const satisfies readonly (keyof WpRuntime)[];

/** Slots an annotation replaces outright when it carries a non-empty value. */
const REPLACE_SLOTS = [
  "shell_pid",
  "shell_pid_created_at",
  "agent",
  "assignee",
  "role",
  "agent_profile",
  "agent_profile_version",
  "model",
  "provider",
] as const satisfies readonly (keyof WpRuntime & keyof AnnotationDelta)[];

/** What `release_runtime_claim` clears: who holds the WP and in which process. */
const CLAIM_SLOTS = ["agent", "shell_pid", "shell_pid_created_at"] as const;

/**
 * The runtime slots a WP keeps through `event`: all of the previous state's, plus, on a claim
 * (planned → claimed), the agent and shell the claim's `policy_metadata` names.
 */
export function carryRuntime(previous: WpRuntime | undefined, event: StatusEvent): WpRuntime {
  const out: WpRuntime = {};
  if (previous) {
    for (const slot of RUNTIME_SLOTS)
      if (slot in previous) (out as Record<string, unknown>)[slot] = previous[slot];
  }
  if (event.from_lane === "planned" && event.to_lane === "claimed") {
    const meta = (event.policy_metadata ?? {}) as Record<string, unknown>;
    if (meta.shell_pid !== undefined && meta.shell_pid !== null) out.shell_pid = meta.shell_pid as number;
    if (meta.shell_pid_created_at !== undefined && meta.shell_pid_created_at !== null)
      out.shell_pid_created_at = meta.shell_pid_created_at as string;
    if (typeof meta.agent === "string" && meta.agent !== "") out.agent = meta.agent;
  }
  return out;
}

const dedupe = (refs: readonly string[]): string[] => [...new Set(refs)];

/** Folds one annotation's delta into `state` (in place), by the original's per-slot rules. */
export function applyAnnotation(state: WpRuntime, delta: AnnotationDelta): void {
  const slots = state as Record<string, unknown>;
  // A release comes first, so a value carried in the same delta (a re-claim) still wins.
  if (delta.release_runtime_claim) for (const slot of CLAIM_SLOTS) slots[slot] = null;
  for (const slot of REPLACE_SLOTS) {
    const value = delta[slot];
    if (value !== undefined && value !== null && value !== "") slots[slot] = value;
  }
  if (delta.subtasks) state.subtasks = { ...(state.subtasks ?? {}), ...delta.subtasks };
  if (typeof delta.note === "string") state.notes = [...(state.notes ?? []), delta.note];
  if (delta.tracker_refs_replace) state.tracker_refs = dedupe(delta.tracker_refs_replace);
  else if (delta.tracker_refs)
    state.tracker_refs = dedupe([...(state.tracker_refs ?? []), ...delta.tracker_refs]);
  if (delta.review) {
    const review: ReviewOverride = {
      at: delta.review.at ?? null,
      actor: delta.review.actor ?? null,
      wp_id: delta.review.wp_id ?? null,
      reason: delta.review.reason ?? null,
    };
    // All four empty is the "release" sentinel a rollback writes: it clears the override.
    state.review = review.at || review.actor || review.wp_id || review.reason ? review : null;
  }
}
