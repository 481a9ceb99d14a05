import { type } from "arktype";

/**
 * One line of `kitty-specs/<slug>/mission-events.jsonl` as `spec-kitty next` writes it. Other event
 * types (written by other tools) are accepted and ignored; only `MissionNextInvoked` payloads are read.
 */
export const missionEventLine = type({
  "type?": "string",
  "timestamp?": "string",
  "mission?": "string",
  "payload?": {
    "action?": "string | null",
    "agent?": "string | null",
    "decision_kind?": "string | null",
    "mission_state?": "string | null",
    "result_input?": "string | null",
    "wp_id?": "string | null",
    "+": "ignore",
  },
  "+": "ignore",
});
