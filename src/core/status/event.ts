import { STATUS_EVENT_KEYS } from "../../schema/generated.ts";
import { SchemaErrors } from "../../schema/runtime.ts";
import { type StatusEventLine, statusEventLine } from "../../schema/status-event.ts";
import { WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";
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

type Line = StatusEventLine;
type WrittenKey = (typeof STATUS_EVENT_KEYS)[number];
/** Keys whose missing or null value reads as a default rather than null (see `parseEventLine`). */
type Defaulted = "force" | "execution_mode" | "mission_slug";

/**
 * One status transition: every key of a written `status.events.jsonl` line (the def's key set, minus
 * read-only aliases), present, lanes normalised, a missing value as null or its default.
 */
export type StatusEvent = {
  [K in WrittenKey]-?: K extends "from_lane" | "to_lane"
    ? StatusLane
    : K extends Defaulted
      ? NonNullable<Line[K]>
      : Exclude<Line[K], undefined>;
};

/** The exact bytes of one log line (without the newline), in the original's JSON dialect. */
export function serializeEvent(event: StatusEvent): string {
  // Only the written keys, whatever else the object carries; pyJsonDumps sorts them.
  const line: Record<string, unknown> = {};
  for (const key of STATUS_EVENT_KEYS) line[key] = event[key];
  return pyJsonDumps(line);
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
  const parsed = statusEventLine(raw);
  if (parsed instanceof SchemaErrors) {
    throw new InvalidFileError(file, `not a status event: ${parsed.summary}`, {
      line,
      fix: "repair or remove that line",
    });
  }
  // wp_id names files and steps (review cycles, merge); only the WP id grammar is accepted.
  if (!WP_ID_PATTERN.test(parsed.wp_id))
    throw new InvalidFileError(
      file,
      `wp_id ${JSON.stringify(parsed.wp_id)} is not a work package id (WP01)`,
      {
        line,
        fix: "repair or remove that line",
      },
    );
  const from = normalizeLane(parsed.from_lane);
  const to = normalizeLane(parsed.to_lane);
  if (!from || !to) {
    const bad = from ? parsed.to_lane : parsed.from_lane;
    throw new InvalidFileError(file, `unknown lane '${bad}'`, { line, fix: "repair or remove that line" });
  }
  // The read rule of every written key. tsc checks this literal against StatusEvent (derived from the
  // def), so a key added to the def fails to compile until it has a rule here.
  return {
    actor: parsed.actor,
    at: parsed.at,
    event_id: parsed.event_id,
    evidence: parsed.evidence ?? null,
    execution_mode: parsed.execution_mode ?? "worktree",
    force: parsed.force ?? false,
    from_lane: from,
    mission_slug: parsed.mission_slug ?? parsed.feature_slug ?? "",
    policy_metadata: parsed.policy_metadata ?? null,
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
