import { isUtf8 } from "node:buffer";
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { InvalidFileError } from "../errors.ts";
import { type LogRow, parseLogLine } from "./event.ts";
import { Folder, reduceLog, reduceWithTeam, type StatusSnapshot, type TeamFacts } from "./reducer.ts";
import { displayPath, eventsPath, readLog, type StatusMission } from "./store.ts";

// 64 KB chunks decoded with Buffer#toString up to the last newline: measured 5× cheaper than a
// streaming TextDecoder over 1 MB chunks (~10 ms vs ~50 ms for a 33 MB, 100,000-event log).
const CHUNK = 1 << 16;
const NEWLINE = 0x0a;

/** The error readTextFile gives for invalid UTF-8, with the line of the first bad one in `chunk`. */
function notUtf8(chunk: Buffer, file: string, linesBefore: number): InvalidFileError {
  let start = 0;
  let line = linesBefore;
  for (;;) {
    const end = chunk.indexOf(NEWLINE, start);
    line++;
    if (!isUtf8(chunk.subarray(start, end === -1 ? chunk.length : end)) || end === -1) break;
    start = end + 1;
  }
  return new InvalidFileError(file, "is not UTF-8 text", { line, fix: `replace ${file} with a text file` });
}

/**
 * Calls `onRow` for every row of a log file, in file order, reading it in chunks so a large log is
 * never held in memory whole. Stops early when `onRow` returns false. Corrupt lines throw with their
 * line number, exactly like `parseLogText`.
 */
export function scanLog(path: string, file: string, onRow: (row: LogRow) => boolean): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, "r");
  try {
    // A directory or FIFO in the log's place is an invalid file, as readTextFile says (never EISDIR).
    if (!fstatSync(fd).isFile()) throw new InvalidFileError(file, "is not a regular file");
    let buffer = Buffer.allocUnsafe(CHUNK);
    let filled = 0; // bytes of an unfinished line carried over from the previous read
    let line = 0;
    let first = true;
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: grow it rather than split the line.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      const end = filled + read;
      // Decode whole lines only: a newline byte never occurs inside a multi-byte UTF-8 sequence.
      const cut = read === 0 ? end : buffer.lastIndexOf(NEWLINE, end - 1) + 1;
      // Invalid UTF-8 is refused here exactly as readTextFile refuses it (Buffer#toString would replace it).
      if (cut > 0 && !isUtf8(buffer.subarray(0, cut))) throw notUtf8(buffer.subarray(0, cut), file, line);
      let text = cut > 0 ? buffer.toString("utf8", 0, cut) : "";
      if (first && cut > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM, as TextDecoder dropped it
        first = false;
      }
      let start = 0;
      for (let stop = text.indexOf("\n"); stop !== -1; stop = text.indexOf("\n", start)) {
        line++;
        const content = text.slice(start, stop);
        start = stop + 1;
        if (content.trim() !== "" && !onRow(parseLogLine(content, file, line))) return;
      }
      if (read === 0) {
        const rest = text.slice(start);
        if (rest.trim() !== "") onRow(parseLogLine(rest, file, line + 1));
        break;
      }
      buffer.copy(buffer, 0, cut, end);
      filled = end - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The log folded as it is read, or null when it is not in replay order (then only a full, sorting
 * `reduce` gives the right answer). Appends are made under the lock with increasing timestamps, so
 * the streaming path is the normal one.
 */
export function foldLog(mission: StatusMission): Folder | null {
  const folder = new Folder();
  let ordered = true;
  const path = eventsPath(mission);
  scanLog(path, displayPath(mission, path), (row) => {
    if (row.type === "lane") ordered = folder.add(row.event);
    else if (row.type === "annotation") folder.annotate(row.annotation);
    return ordered;
  });
  return ordered ? folder : null;
}

/** The mission's current status: streamed when the log is in order, fully sorted otherwise. */
export function loadSnapshot(mission: StatusMission): StatusSnapshot {
  return foldLog(mission)?.snapshot() ?? reduceLog(readLog(mission));
}

/**
 * `loadSnapshot`, with the holders and claim conflicts the log records, and the streaming folder when
 * the log was in order (a writer folds its new events onto it instead of reading the log again).
 */
export function loadStatus(mission: StatusMission): {
  snapshot: StatusSnapshot;
  team: TeamFacts;
  folder: Folder | null;
} {
  const folder = foldLog(mission);
  if (folder) return { snapshot: folder.snapshot(), team: folder.team(), folder };
  const log = readLog(mission);
  return { ...reduceWithTeam(log.events, log.annotations), folder: null };
}
