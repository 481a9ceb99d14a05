import { type } from "arktype";

/**
 * `.kittify/runtime/dispatch/<slug>/owner.json`: which process is dispatching the mission (pid, host
 * and start time, so a dead or rebooted owner is told from a live one) and the options it runs with,
 * which `dispatch --resume` reuses.
 */
export const dispatchOwnerSchema = type({
  version: "1",
  mission_slug: "string",
  pid: "number",
  host: "string",
  proc_start: "string | null",
  started_at: "string",
  updated_at: "string",
  state: "'running' | 'stopping' | 'stopped' | 'finished'",
  options: {
    agents: "string[]",
    max: "number",
    review_by: "string | null",
    timeout_seconds: "number",
    max_attempts: "number",
    max_cycles: "number",
    merge: "boolean",
    "+": "ignore",
  },
  "+": "ignore",
});

/**
 * One line of `.kittify/runtime/dispatch/<slug>/runs.jsonl`, appended under the journal lock: a run
 * is `starting` (about to spawn), `started` (its agent's pid), then `ended`. A run without `ended` was
 * cut short by a crash: on resume it is adopted while its agent lives, and recovered once it is dead.
 */
export const dispatchRunLine = type({
  // Names the run's log and temp dir: one safe path segment (`WP01-implement-1`), never `../x`.
  run_id: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  event: "'starting' | 'started' | 'ended'",
  at: "string",
  wp_id: "string",
  role: "'implement' | 'review'",
  agent: "string",
  attempt: "number",
  "lane_id?": "string",
  "workspace?": "string",
  "log?": "string",
  "pid?": "number",
  "host?": "string",
  "proc_start?": "string | null",
  "deadline?": "number",
  "status?": "'succeeded' | 'approved' | 'rejected' | 'failed' | 'timeout' | 'interrupted' | 'lost'",
  "exit_code?": "number | null",
  "lane_after?": "string",
  "message?": "string",
  "+": "ignore",
});
