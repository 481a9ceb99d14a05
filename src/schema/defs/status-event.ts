import { type } from "arktype";

/**
 * A structured actor (spec-kitty 3.2.6: `{role, profile, tool, model}`, each a string or null; older
 * builds wrote the same keys in another order). Other keys are tolerated: the line is kept as written.
 */
const actorObject = type({
  "role?": "string | null",
  "profile?": "string | null",
  "tool?": "string | null",
  "model?": "string | null",
  "+": "ignore",
});

/** A reviewer's verdict on a move out of `in_review` (3.2: persisted on the event from 3.2.6). */
export const reviewResultSchema = type({
  reviewer: "string",
  verdict: "string",
  reference: "string",
  "feedback_path?": "string | null",
  "+": "ignore",
});

/**
 * The keys of one lane-event line as the original (and we) write it: these 13 on every line, nulls
 * included. Readers are lenient where old logs differ: a missing optional key reads as null (or its
 * default, see `parseEventLine`). Lanes are checked separately so the error can name the lane.
 */
const writtenKeys = {
  event_id: "string > 0",
  wp_id: "string > 0",
  from_lane: "string",
  to_lane: "string",
  at: "string > 0",
  actor: actorObject.or("string"),
  "force?": "boolean | null",
  "reason?": "string | null",
  "review_ref?": "string | null",
  "execution_mode?": "string | null",
  "evidence?": "object | null",
  "policy_metadata?": "object | null",
  "mission_slug?": "string | null",
} as const;

/** Keys written only when they have a value: the mission's ULID (3.1.2+), a review verdict (3.2.6). */
const presentKeys = {
  "mission_id?": "string | null",
  "review_result?": reviewResultSchema.or("null"),
} as const;

/** Read-only legacy aliases: accepted from old logs, never written. `feature_slug` is `mission_slug`. */
const readAliases = {
  "feature_slug?": "string | null",
} as const;

export const statusEventLine = type({ ...writtenKeys, ...presentKeys, ...readAliases });

/** The key set every written line carries, sorted (copied into generated.ts for the serializer). */
export const STATUS_EVENT_KEYS = Object.keys(writtenKeys)
  .map((key) => key.replace(/\?$/, ""))
  .sort();

/** Keys a written line carries only when their value is not null. */
export const STATUS_EVENT_OPTIONAL_KEYS = Object.keys(presentKeys)
  .map((key) => key.replace(/\?$/, ""))
  .sort();

/**
 * A `kind: "annotation"` line (spec-kitty 3.2.6 `InnerStateChanged`): WP runtime state that is not a
 * lane change (subtasks done, notes, the shell and agent holding the WP, tracker refs, a review
 * override). Folded after every lane event; never moves a WP between lanes. Unknown delta keys are
 * ignored, as the original ignores them.
 */
export const annotationLine = type({
  kind: "'annotation'",
  event_id: "string > 0",
  wp_id: "string > 0",
  at: "string > 0",
  actor: actorObject.or("string").or("null"),
  delta: {
    "shell_pid?": "number | string | null",
    "shell_pid_created_at?": "string | number | null",
    "subtasks?": type({ "[string]": "string" }).or("null"),
    "note?": "string | null",
    "tracker_refs?": "string[] | null",
    "tracker_refs_replace?": "string[] | null",
    "agent?": "string | null",
    "assignee?": "string | null",
    "role?": "string | null",
    "agent_profile?": "string | null",
    "agent_profile_version?": "string | null",
    "model?": "string | null",
    "provider?": "string | null",
    "review?": type({
      "at?": "string | null",
      "actor?": "string | null",
      "wp_id?": "string | null",
      "reason?": "string | null",
      "+": "ignore",
    }).or("null"),
    "release_runtime_claim?": "boolean | null",
    "+": "ignore",
  },
  "+": "ignore",
});
