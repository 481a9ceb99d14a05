import { STATUS_EVENT_KEYS, STATUS_EVENT_OPTIONAL_KEYS } from "../../schema/generated.ts";
import { SchemaErrors } from "../../schema/runtime.ts";
import {
  type AnnotationLine,
  annotationLine,
  type StatusEventLine,
  statusEventLine,
} from "../../schema/status-event.ts";
import { InvalidFileError } from "../errors.ts";
import { pyJsonDumps } from "../pyjson.ts";
import { normalizeLane, type StatusLane } from "./lane.ts";

/** A WP id as a file-name segment: letters, digits, `.`, `_`, `-` (the grammar proper is WP_ID). */
const SAFE_WP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type ExecutionMode = "worktree" | "direct_repo";

/**
 * A lane as it may appear in an event: the nine status lanes, or `genesis`, the seed a 3.2 bootstrap
 * event starts from (`genesis → planned`). A WP is never shown in `genesis`.
 */
export type EventLane = StatusLane | "genesis";

/** Review evidence carried by approved/done transitions (upstream `DoneEvidence`). */
export interface ReviewEvidence {
  review: { reference: string; reviewer: string; verdict: string };
  repos?: { branch: string; commit: string; files_touched?: string[]; repo: string }[];
  verification?: { command: string; result: string; summary: string }[];
}

/** The verdict recorded on a move out of `in_review` (upstream `ReviewResult`). */
export interface ReviewResult {
  reviewer: string;
  /** `approved` or `changes_requested`. */
  verdict: string;
  reference: string;
  feedback_path?: string | null;
}

type Line = StatusEventLine;
type WrittenKey = (typeof STATUS_EVENT_KEYS)[number];
/** Keys whose missing or null value reads as a default rather than null (see `parseEventLine`). */
type Defaulted = "force" | "execution_mode" | "mission_slug";

/**
 * One status transition: every key of a written `status.events.jsonl` line (the def's key set, minus
 * read-only aliases), present, lanes normalised, a missing value as null or its default. `actor` is
 * always the actor's name: a structured actor reads as its `tool` (or `role`), as spec-kitty 3.2.6
 * records it in status.json.
 */
export type StatusEvent = {
  [K in WrittenKey]-?: K extends "from_lane" | "to_lane"
    ? EventLane
    : K extends "actor"
      ? string
      : K extends Defaulted
        ? NonNullable<Line[K]>
        : Exclude<Line[K], undefined>;
} & {
  /** The mission's ULID; written when the mission has one (spec-kitty 3.1.2+ does the same). */
  mission_id?: string | null;
  /** Written only on moves out of `in_review` (and only when set). */
  review_result?: ReviewResult | null;
};

/** What an annotation changes about a WP's runtime state (upstream `WPInnerStateDelta`). */
export type AnnotationDelta = AnnotationLine["delta"];

/** A `kind: "annotation"` row: runtime state, folded after every lane event, never a lane change. */
export interface Annotation {
  event_id: string;
  wp_id: string;
  at: string;
  actor: string;
  delta: AnnotationDelta;
}

/**
 * One line of the log, classified the way spec-kitty 3.2.6 partitions it: a lane event, a runtime
 * annotation, or a row of another family sharing the file (lifecycle `event_type` rows such as
 * `MissionCreated`/`WPCreated`/`DecisionPoint*`, and retrospective rows). Other rows are skipped for
 * the board and never touched in the file.
 */
export type LogRow =
  | { type: "lane"; event: StatusEvent }
  | { type: "annotation"; annotation: Annotation }
  | { type: "other"; family: "lifecycle" | "retrospective" };

const RETROSPECTIVE_TYPES: ReadonlySet<string> = new Set([
  "RetrospectiveCaptured",
  "RetrospectiveCaptureFailed",
  "RetrospectiveSkipped",
]);

/** The name an actor goes by: a string as is, a structured actor by its tool, else its role. */
export function actorName(actor: unknown): string {
  if (typeof actor === "string") return actor;
  if (actor !== null && typeof actor === "object") {
    const { tool, role } = actor as { tool?: unknown; role?: unknown };
    if (typeof tool === "string" && tool !== "") return tool;
    if (typeof role === "string") return role;
  }
  return "";
}

/** The exact bytes of one log line (without the newline), in the original's JSON dialect. */
export function serializeEvent(event: StatusEvent): string {
  // Only the written keys, whatever else the object carries; pyJsonDumps sorts them.
  const line: Record<string, unknown> = {};
  for (const key of STATUS_EVENT_KEYS) line[key] = event[key];
  for (const key of STATUS_EVENT_OPTIONAL_KEYS) {
    const value = event[key as keyof StatusEvent];
    if (value !== null && value !== undefined) line[key] = value;
  }
  return pyJsonDumps(line);
}

function parseJsonLine(text: string, file: string, line: number): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, `not valid JSON (${(error as Error).message})`, {
      line,
      fix: "repair or remove that line (the log is append-only; other lines are untouched)",
    });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidFileError(file, "a log line must be a JSON object", {
      line,
      fix: "repair or remove that line",
    });
  }
  return raw as Record<string, unknown>;
}

function toLaneEvent(raw: Record<string, unknown>, file: string, line: number): StatusEvent {
  const parsed = statusEventLine(raw);
  if (parsed instanceof SchemaErrors) {
    throw new InvalidFileError(file, `not a status event: ${parsed.summary}`, {
      line,
      fix: "repair or remove that line",
    });
  }
  // wp_id names files and steps (review cycles, merge): a WP id that is not WPnn is kept (a warning on
  // the board), but one that could never be a file name segment is refused.
  if (!SAFE_WP_ID.test(parsed.wp_id) || parsed.wp_id.includes(".."))
    throw new InvalidFileError(
      file,
      `wp_id ${JSON.stringify(parsed.wp_id)} is not a work package id (WP01)`,
      {
        line,
        fix: "repair or remove that line",
      },
    );
  const from = eventLane(parsed.from_lane);
  const to = eventLane(parsed.to_lane);
  if (!from || !to) {
    const bad = from ? parsed.to_lane : parsed.from_lane;
    throw new InvalidFileError(file, `unknown lane '${bad}'`, { line, fix: "repair or remove that line" });
  }
  // The read rule of every written key. tsc checks this literal against StatusEvent (derived from the
  // def), so a key added to the def fails to compile until it has a rule here.
  return {
    actor: actorName(parsed.actor),
    at: parsed.at,
    event_id: parsed.event_id,
    evidence: parsed.evidence ?? null,
    execution_mode: parsed.execution_mode ?? "worktree",
    force: parsed.force ?? false,
    from_lane: from,
    mission_id: parsed.mission_id ?? null,
    mission_slug: parsed.mission_slug ?? parsed.feature_slug ?? "",
    policy_metadata: parsed.policy_metadata ?? null,
    reason: parsed.reason ?? null,
    review_ref: parsed.review_ref ?? null,
    review_result: parsed.review_result ?? null,
    to_lane: to,
    wp_id: parsed.wp_id,
  };
}

/** A lane of an event line: a status lane (aliases such as `doing` included) or `genesis`. */
function eventLane(value: string): EventLane | undefined {
  return value === "genesis" ? "genesis" : normalizeLane(value);
}

function toAnnotation(raw: Record<string, unknown>, file: string, line: number): Annotation {
  const parsed = annotationLine(raw);
  if (parsed instanceof SchemaErrors) {
    throw new InvalidFileError(file, `not a status annotation: ${parsed.summary}`, {
      line,
      fix: "repair or remove that line",
    });
  }
  return {
    event_id: parsed.event_id,
    wp_id: parsed.wp_id,
    at: parsed.at,
    actor: actorName(parsed.actor),
    delta: parsed.delta,
  };
}

/**
 * Classifies and parses one non-blank log line, in the original's order: `kind` first (only
 * `annotation` is known; any other kind is an error, as spec-kitty 3.2.6 refuses it), then the
 * retrospective and lifecycle families (kept in the file, skipped here), then a lane event. `file` and
 * `line` only label errors: a corrupt line is reported where it is, never skipped, because skipping
 * would silently change a WP's lane.
 */
export function parseLogLine(text: string, file: string, line: number): LogRow {
  const raw = parseJsonLine(text, file, line);
  const kind = raw.kind;
  if (kind !== undefined && kind !== null) {
    if (kind === "annotation") return { type: "annotation", annotation: toAnnotation(raw, file, line) };
    throw new InvalidFileError(file, `unknown event kind '${String(kind)}'`, {
      line,
      fix: "this line was written by a newer or foreign tool; remove it or upgrade spec-kitty",
    });
  }
  if (typeof raw.event_name === "string" && raw.event_name.startsWith("retrospective."))
    return { type: "other", family: "retrospective" };
  if (typeof raw.type === "string" && RETROSPECTIVE_TYPES.has(raw.type))
    return { type: "other", family: "retrospective" };
  if ("event_type" in raw) return { type: "other", family: "lifecycle" };
  return { type: "lane", event: toLaneEvent(raw, file, line) };
}

/** Every row of a log text, in file order, with its line number. Blank lines are skipped. */
export function parseLogText(text: string, file: string): { row: LogRow; line: number }[] {
  const rows: { row: LogRow; line: number }[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    line++;
    const content = text.slice(start, end);
    if (content.trim() !== "") rows.push({ row: parseLogLine(content, file, line), line });
    start = end + 1;
  }
  return rows;
}

/** The lane events and annotations of a log text, in file order. */
export interface ParsedLog {
  events: StatusEvent[];
  annotations: Annotation[];
}

export function parseLog(text: string, file: string): ParsedLog {
  const log: ParsedLog = { events: [], annotations: [] };
  for (const { row } of parseLogText(text, file)) {
    if (row.type === "lane") log.events.push(row.event);
    else if (row.type === "annotation") log.annotations.push(row.annotation);
  }
  return log;
}

/** The lane events of a log text, in file order (annotations and other rows left out). */
export function parseEventLog(text: string, file: string): StatusEvent[] {
  return parseLog(text, file).events;
}
