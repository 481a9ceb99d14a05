import { SchemaErrors } from "../../schema/runtime.ts";
import { type StatusEventLine, statusEventLine } from "../../schema/status-event.ts";
import { InvalidFileError } from "../errors.ts";
import { pyJsonDumps } from "../pyjson.ts";
import { normalizeLane, type StatusLane } from "./lane.ts";

export type ExecutionMode = "worktree" | "direct_repo";

/** Review evidence carried by approved/done transitions (upstream `DoneEvidence`). */
export interface ReviewEvidence {
  review: { reference: string; reviewer: string; verdict: string };
  repos?: { branch: string; commit: string; files_touched?: string[]; repo: string }[];
  verification?: { command: string; result: string; summary: string }[];
}

/** One status transition: the 13 keys of a `status.events.jsonl` line, lanes already normalised. */
export interface StatusEvent {
  actor: string;
  at: string;
  event_id: string;
  evidence: Record<string, unknown> | null;
  execution_mode: string;
  force: boolean;
  from_lane: StatusLane;
  mission_slug: string;
  policy_metadata: Record<string, unknown> | null;
  reason: string | null;
  review_ref: string | null;
  to_lane: StatusLane;
  wp_id: string;
}

/** The exact bytes of one log line (without the newline), in the original's JSON dialect. */
export function serializeEvent(event: StatusEvent): string {
  return pyJsonDumps({
    actor: event.actor,
    at: event.at,
    event_id: event.event_id,
    evidence: event.evidence,
    execution_mode: event.execution_mode,
    force: event.force,
    from_lane: event.from_lane,
    mission_slug: event.mission_slug,
    policy_metadata: event.policy_metadata,
    reason: event.reason,
    review_ref: event.review_ref,
    to_lane: event.to_lane,
    wp_id: event.wp_id,
  });
}

const isObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): boolean => value === null || typeof value === "string";
const objectOrNull = (value: unknown): boolean => value === null || isObject(value);

/**
 * A strict subset of `statusEventLine`: true only for values the schema certainly accepts (required
 * strings present, every optional key absent or of its allowed type). False means "ask the schema".
 */
function isPlainEventLine(raw: unknown): raw is StatusEventLine {
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

/**
 * Parses one non-blank log line. `file` and `line` only label errors: a corrupt line is reported
 * where it is, never skipped, because skipping would silently change a WP's lane.
 */
export function parseEventLine(text: string, file: string, line: number): StatusEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, `not valid JSON (${(error as Error).message})`, {
      line,
      fix: "repair or remove that line (the log is append-only; other lines are untouched)",
    });
  }
  // The generic validator measured ~0.1 ms a line (most of `tasks status` on a 1,000-event log); lines
  // our writers produce pass the exact check below, and anything else still goes through the schema,
  // so the accepted set and every error message stay the schema's.
  const parsed = isPlainEventLine(raw) ? raw : statusEventLine(raw);
  if (parsed instanceof SchemaErrors) {
    throw new InvalidFileError(file, `not a status event: ${parsed.summary}`, {
      line,
      fix: "repair or remove that line",
    });
  }
  const from = normalizeLane(parsed.from_lane);
  const to = normalizeLane(parsed.to_lane);
  if (!from || !to) {
    const bad = from ? parsed.to_lane : parsed.from_lane;
    throw new InvalidFileError(file, `unknown lane '${bad}'`, { line, fix: "repair or remove that line" });
  }
  return {
    actor: parsed.actor,
    at: parsed.at,
    event_id: parsed.event_id,
    evidence: (parsed.evidence as Record<string, unknown> | null | undefined) ?? null,
    execution_mode: parsed.execution_mode ?? "worktree",
    force: parsed.force ?? false,
    from_lane: from,
    mission_slug: parsed.mission_slug ?? parsed.feature_slug ?? "",
    policy_metadata: (parsed.policy_metadata as Record<string, unknown> | null | undefined) ?? null,
    reason: parsed.reason ?? null,
    review_ref: parsed.review_ref ?? null,
    to_lane: to,
    wp_id: parsed.wp_id,
  };
}

/** Every event of a log text, in file order. Blank lines are skipped, as the original does. */
export function parseEventLog(text: string, file: string): StatusEvent[] {
  const events: StatusEvent[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    line++;
    const content = text.slice(start, end);
    if (content.trim() !== "") events.push(parseEventLine(content, file, line));
    start = end + 1;
  }
  return events;
}
