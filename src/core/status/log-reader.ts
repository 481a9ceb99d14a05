import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { parseEventLine, type StatusEvent } from "./event.ts";
import { Folder, reduce, type StatusSnapshot } from "./reducer.ts";
import { displayPath, eventsPath, readEvents, type StatusMission } from "./store.ts";

const CHUNK = 1 << 20;

/**
 * Calls `onEvent` for every event of a log file, in file order, reading it in 1 MB chunks so a large
 * log is never held in memory whole. Stops early when `onEvent` returns false. Corrupt lines throw
 * with their line number, exactly like `parseEventLog`.
 */
export function scanLog(path: string, file: string, onEvent: (event: StatusEvent) => boolean): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, "r");
  try {
    const decoder = new TextDecoder("utf-8");
    const buffer = Buffer.allocUnsafe(CHUNK);
    let carry = "";
    let line = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      const text =
        carry + (read > 0 ? decoder.decode(buffer.subarray(0, read), { stream: true }) : decoder.decode());
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        line++;
        const content = text.slice(start, end);
        start = end + 1;
        if (content.trim() !== "" && !onEvent(parseEventLine(content, file, line))) return;
      }
      carry = text.slice(start);
      if (read === 0) break;
    }
    if (carry.trim() !== "") onEvent(parseEventLine(carry, file, line + 1));
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
  scanLog(path, displayPath(mission, path), (event) => {
    ordered = folder.add(event);
    return ordered;
  });
  return ordered ? folder : null;
}

/** The mission's current status: streamed when the log is in order, fully sorted otherwise. */
export function loadSnapshot(mission: StatusMission): StatusSnapshot {
  return foldLog(mission)?.snapshot() ?? reduce(readEvents(mission));
}
