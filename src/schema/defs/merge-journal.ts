import { type } from "arktype";

/**
 * `.kittify/runtime/merge/<slug>/journal.json`: the plan of one `spec-kitty merge` and how far it got.
 * Written before and after every step, so a re-run knows what was decided and what may be half-done.
 */
export const journalLaneSchema = type({
  lane_id: "string",
  branch: "string | null",
  wp_ids: "string[]",
  action: "'merge' | 'planning' | 'skip' | 'already_done'",
  "reason?": "string | null",
  /** The lane commit the plan merges: checked before the merge, verified on the target after it. */
  "head?": "string | null",
  /** Where that commit comes from: the local lane branch, or the copy fetched from the remote. */
  "source?": "'local' | 'remote' | null",
  /** `<remote>/<branch>` when the lane exists on the remote (as of the last fetch). */
  "remote_ref?": "string | null",
});

export const journalStepSchema = type({
  id: "string",
  status: "'pending' | 'started' | 'done'",
  "started_at?": "string | null",
  "finished_at?": "string | null",
  "detail?": "string | null",
});

export const mergeJournalSchema = type({
  version: "1",
  mission_slug: "string",
  "mission_id?": "string | null",
  target_branch: "string",
  mission_branch: "string",
  strategy: "'merge' | 'squash'",
  push: "boolean",
  "remote?": "string | null",
  state: "'running' | 'stopped' | 'completed'",
  started_at: "string",
  updated_at: "string",
  "owner_pid?": "number | null",
  "mission_head?": "string | null",
  /** The branch heads before the merge's first write: what `merge --abort` restores (null: no branch). */
  "pre_merge?": type({ target_head: "string", mission_branch_head: "string | null" }).or("null"),
  lanes: journalLaneSchema.array(),
  done_wps: "string[]",
  skipped_wps: "string[]",
  steps: journalStepSchema.array(),
  "last_error?": "object | null",
  "+": "ignore",
});
