/** Inputs for bench/validators.ts: status event lines as our writer produces them, and the baseline. */
import { serializeEvent } from "../src/core/status/event.ts";

/** `count` distinct log lines, the bytes `agent tasks status` reads. */
export function sampleEventLines(count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    serializeEvent({
      actor: `agent-${n % 7}`,
      at: `2026-01-01T00:00:${String(n % 60).padStart(2, "0")}.${String(n).padStart(6, "0")}+00:00`,
      event_id: `01KJZ${String(n).padStart(21, "0")}`,
      evidence: n % 5 === 0 ? { review: { reference: "r", reviewer: "x", verdict: "approved" } } : null,
      execution_mode: "worktree",
      force: n % 3 === 0,
      from_lane: "planned",
      mission_slug: "001-bench",
      policy_metadata: null,
      reason: n % 2 ? "bench" : null,
      review_ref: null,
      to_lane: "claimed",
      wp_id: `WP${String((n % 30) + 1).padStart(2, "0")}`,
    }),
  );
}

const isObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): boolean => value === null || typeof value === "string";
const objectOrNull = (value: unknown): boolean => value === null || isObject(value);

/**
 * The hand-written pre-check `parseEventLine` used before the validators were generated (a strict
 * subset of the schema), kept here only as the speed baseline a generated validator must approach.
 */
export function handWrittenEventCheck(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const r = raw as Record<string, unknown>;
  return (
    typeof r.event_id === "string" &&
    r.event_id !== "" &&
    typeof r.wp_id === "string" &&
    r.wp_id !== "" &&
    typeof r.at === "string" &&
    r.at !== "" &&
    typeof r.from_lane === "string" &&
    typeof r.to_lane === "string" &&
    typeof r.actor === "string" &&
    (r.force === undefined || r.force === null || typeof r.force === "boolean") &&
    (r.reason === undefined || stringOrNull(r.reason)) &&
    (r.review_ref === undefined || stringOrNull(r.review_ref)) &&
    (r.execution_mode === undefined || stringOrNull(r.execution_mode)) &&
    (r.mission_slug === undefined || stringOrNull(r.mission_slug)) &&
    (r.feature_slug === undefined || stringOrNull(r.feature_slug)) &&
    (r.evidence === undefined || objectOrNull(r.evidence)) &&
    (r.policy_metadata === undefined || objectOrNull(r.policy_metadata))
  );
}
