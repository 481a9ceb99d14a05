import { type } from "arktype";

const lanes = {
  planned: "number.integer >= 0",
  claimed: "number.integer >= 0",
  in_progress: "number.integer >= 0",
  for_review: "number.integer >= 0",
  in_review: "number.integer >= 0",
  approved: "number.integer >= 0",
  done: "number.integer >= 0",
  blocked: "number.integer >= 0",
  canceled: "number.integer >= 0",
} as const;

/**
 * `status.json`, the materialised view of the event log. We never trust it (the log is the source of
 * truth); `agent status validate` reads it only to report drift, so it is parsed with this schema.
 */
export const statusSnapshotFile = type({
  event_count: "number.integer >= 0",
  last_event_id: "string | null",
  materialized_at: "string",
  "mission_number?": "string | null",
  mission_slug: "string",
  "mission_type?": "string | null",
  summary: lanes,
  work_packages: type({
    "[string]": {
      actor: "string | null",
      force_count: "number.integer >= 0",
      lane: "string",
      last_event_id: "string",
      last_transition_at: "string",
    },
  }),
});

export type StatusSnapshotFile = typeof statusSnapshotFile.infer;
