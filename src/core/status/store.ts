import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { appendLines } from "../fs/append.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type ParsedLog, parseLog, type StatusEvent, serializeEvent } from "./event.ts";

export const EVENTS_FILE = "status.events.jsonl";
export const SNAPSHOT_FILE = "status.json";

/** What the status store needs to know about a mission (a `MissionRef` from mission/resolve.ts). */
export type StatusMission = Pick<MissionRef, "root" | "dir" | "slug" | "meta" | "missionId"> &
  Partial<Pick<MissionRef, "statusDir">>;

/**
 * The directory holding the mission's status files: its coordination worktree for 3.2 missions that
 * keep status on a coordination branch (resolved once, in mission/resolve.ts), else the mission dir.
 */
export function statusDirOf(mission: StatusMission): string {
  return mission.statusDir ?? mission.dir;
}

export function eventsPath(mission: StatusMission): string {
  return containedPath(mission.root, join(statusDirOf(mission), EVENTS_FILE));
}

/** Project-relative path, for error messages that name the file. */
export function displayPath(mission: StatusMission, path: string): string {
  return relative(mission.root, path) || path;
}

/**
 * The log's lane events and annotations, in file order; a missing log is empty. Rows of other
 * families (lifecycle, retrospective) are skipped here and never touched in the file. Corrupt lines
 * throw with a line number.
 */
export function readLog(mission: StatusMission): ParsedLog {
  const path = eventsPath(mission);
  if (!existsSync(path)) return { events: [], annotations: [] };
  const name = displayPath(mission, path);
  return parseLog(readTextFile(path, name), name);
}

/** The lane events of the log, in file order (see `readLog`). */
export function readEvents(mission: StatusMission): StatusEvent[] {
  return readLog(mission).events;
}

/**
 * Appends lines to the log with ONE write and fsyncs it. Callers hold the status lock; the single
 * O_APPEND write means that even a writer that somehow bypassed the lock could not interleave bytes
 * inside a line.
 */
export function appendEventLines(mission: StatusMission, events: readonly StatusEvent[]): void {
  if (events.length === 0) return;
  // eventsPath is contained (a planted link cannot make us write elsewhere); appendLines refuses a
  // symlink or a hard link in the log's place.
  appendLines(
    eventsPath(mission),
    events.map((event) => serializeEvent(event)),
  );
}
