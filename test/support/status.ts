import type { StatusEvent } from "../../src/core/status/event.ts";

/** A valid status event with neutral defaults; tests override what they are about. */
export function statusEvent(
  partial: Partial<StatusEvent> & Pick<StatusEvent, "event_id" | "at" | "wp_id">,
): StatusEvent {
  return {
    actor: "a",
    evidence: null,
    execution_mode: "worktree",
    force: false,
    from_lane: "planned",
    mission_id: null,
    mission_slug: "001-x",
    policy_metadata: null,
    reason: null,
    review_ref: null,
    review_result: null,
    to_lane: "claimed",
    ...partial,
  };
}
