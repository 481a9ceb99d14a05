import { parseEventLine } from "./event.ts";

export interface LogSide {
  /** Label for error messages (the path git gave us). */
  file: string;
  text: string;
}

/**
 * The union of several versions of one event log, as the git merge driver needs: every event that
 * appears in any side, once (by `event_id`, first copy wins), ordered by `(at, event_id)` so both
 * merge directions give the same bytes, and merging a result again changes nothing. Lines are kept
 * as they were written (a legacy `feature_slug` line stays one). Every line is parsed first, so a
 * malformed side throws (file and line) before anything is produced.
 */
export function unionEventLogs(sides: readonly LogSide[]): string {
  const byId = new Map<string, { at: string; id: string; line: string }>();
  for (const side of sides) {
    const lines = side.text.split("\n");
    lines.forEach((text, index) => {
      if (text.trim() === "") return;
      const event = parseEventLine(text, side.file, index + 1);
      if (!byId.has(event.event_id))
        byId.set(event.event_id, { at: event.at, id: event.event_id, line: text.trimEnd() });
    });
  }
  const ordered = [...byId.values()].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return ordered.map((entry) => `${entry.line}\n`).join("");
}
