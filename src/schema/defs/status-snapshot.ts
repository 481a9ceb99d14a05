import { type } from "arktype";

const count = "number.integer >= 0";

/**
 * `status.json`, the materialised view of the event log, in the shape of every era: 3.0 (`feature_slug`,
 * eight lanes, no `in_review`), 3.1 (`mission_slug`, nine lanes) and 3.2.6 (per-WP runtime slots, and
 * `uninitialized` WPs with null timestamps). We never trust it (the log is the source of truth);
 * `agent status validate` reads it only to report drift.
 */
export const statusSnapshotFile = type({
  event_count: count,
  last_event_id: "string | null",
  materialized_at: "string",
  "mission_number?": "string | null",
  "mission_slug?": "string",
  "feature_slug?": "string",
  "mission_type?": "string | null",
  summary: {
    planned: count,
    claimed: count,
    in_progress: count,
    for_review: count,
    "in_review?": count,
    approved: count,
    done: count,
    blocked: count,
    canceled: count,
  },
  work_packages: type({
    "[string]": {
      actor: "string | object | null",
      force_count: count,
      lane: "string",
      last_event_id: "string | null",
      last_transition_at: "string | null",
      "+": "ignore",
    },
  }),
  "+": "ignore",
});
