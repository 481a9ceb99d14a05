import { type } from "arktype";

/**
 * The keys of one `status.events.jsonl` line as the original (and we) write it: all 13 on every line,
 * nulls included. Readers are lenient where old logs differ: a missing optional key reads as null (or
 * its default, see `parseEventLine`). Lanes are checked separately so the error can name the lane.
 */
const writtenKeys = {
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
} as const;

/** Read-only legacy aliases: accepted from old logs, never written. `feature_slug` is `mission_slug`. */
const readAliases = {
  "feature_slug?": "string | null",
} as const;

export const statusEventLine = type({ ...writtenKeys, ...readAliases });

/** The key set of a written line, sorted (copied into generated.ts for the serializer). */
export const STATUS_EVENT_KEYS = Object.keys(writtenKeys)
  .map((key) => key.replace(/\?$/, ""))
  .sort();
