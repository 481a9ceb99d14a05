import { InvalidFileError, SpecKittyError } from "../errors.ts";
import { pyJsonDumps } from "../pyjson.ts";

export interface LogSide {
  /** Label for error messages (the path git gave us). */
  file: string;
  text: string;
}

interface Row {
  /** `at` (lane events, annotations) or `timestamp` (lifecycle rows): the sort key with the id. */
  at: string;
  id: string;
  line: string;
  /** The row's canonical bytes, to tell a true duplicate from two different rows with one id. */
  canonical: string;
  where: string;
}

function parseRow(text: string, file: string, line: number): Row {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, `not valid JSON (${(error as Error).message})`, { line });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new InvalidFileError(file, "a log line must be a JSON object", { line });
  const row = raw as Record<string, unknown>;
  if (typeof row.event_id !== "string" || row.event_id === "")
    throw new InvalidFileError(file, "a log line needs a non-empty event_id", { line });
  const at = typeof row.at === "string" ? row.at : typeof row.timestamp === "string" ? row.timestamp : "";
  return {
    at,
    id: row.event_id,
    line: text.trimEnd(),
    canonical: pyJsonDumps(row),
    where: `${file} line ${line}`,
  };
}

/**
 * The union of several versions of one event log, as the git merge driver needs: every row that
 * appears in any side, once (by `event_id`), ordered by `(at or timestamp, event_id)` so both merge
 * directions give the same bytes, and merging a result again changes nothing. Every row family is
 * kept — lane events, annotations, lifecycle and retrospective rows — and lines are kept as they were
 * written (a legacy `feature_slug` line stays one). Every line is checked first, so a malformed side
 * throws (file and line) before anything is produced; two different rows sharing an `event_id` are a
 * conflict a person must resolve, as the original's driver says.
 */
export function unionEventLogs(sides: readonly LogSide[]): string {
  const byId = new Map<string, Row>();
  for (const side of sides) {
    const lines = side.text.split("\n");
    lines.forEach((text, index) => {
      if (text.trim() === "") return;
      const row = parseRow(text, side.file, index + 1);
      const seen = byId.get(row.id);
      if (!seen) byId.set(row.id, row);
      else if (seen.canonical !== row.canonical) {
        throw new SpecKittyError(
          "MERGE_CONFLICTING_EVENTS",
          `event ${row.id} differs between ${seen.where} and ${row.where}`,
          { fix: "an event was edited on one side: keep the original line, then `git add` the log" },
        );
      }
    });
  }
  const ordered = [...byId.values()].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return ordered.map((entry) => `${entry.line}\n`).join("");
}
