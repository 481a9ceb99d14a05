import { type } from "arktype";

/**
 * One line of `status.events.jsonl` as the original (and we) write it: 13 keys, nulls included.
 * Readers are lenient where old logs differ: `feature_slug` instead of `mission_slug`, and missing
 * optional keys, which read as null. Lanes are checked separately so the error can name the lane.
 */
export const statusEventLine = type({
  event_id: "string > 0",
  wp_id: "string > 0",
  from_lane: "string",
  to_lane: "string",
  at: "string > 0",
  actor: "string",
  "force?": "boolean | null",
  "reason?": "string | null",
  "review_ref?": "string | null",
  "execution_mode?": "string | null",
  "evidence?": "object | null",
  "policy_metadata?": "object | null",
  "mission_slug?": "string | null",
  "feature_slug?": "string | null",
});
