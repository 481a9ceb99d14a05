import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from "node:fs";
import { join, relative } from "node:path";
import { withLock } from "../fs/lock.ts";
import { resolveInside } from "../fs/safe-path.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { repoLockPath } from "../project.ts";
import { parseEventLog, type StatusEvent, serializeEvent } from "./event.ts";

export const EVENTS_FILE = "status.events.jsonl";
export const SNAPSHOT_FILE = "status.json";

/** What the status store needs to know about a mission (a `MissionRef` from mission/resolve.ts). */
export type StatusMission = Pick<MissionRef, "root" | "dir" | "slug" | "meta" | "missionId">;

export function eventsPath(mission: StatusMission): string {
  return join(mission.dir, EVENTS_FILE);
}

/** Project-relative path, for error messages that name the file. */
export function displayPath(mission: StatusMission, path: string): string {
  return relative(mission.root, path) || path;
}

/** Every event in the log, in file order; a missing log is empty. Corrupt lines throw with a line number. */
export function readEvents(mission: StatusMission): StatusEvent[] {
  const path = eventsPath(mission);
  if (!existsSync(path)) return [];
  return parseEventLog(readFileSync(path, "utf8"), displayPath(mission, path));
}

/**
 * One lock for all status writers of the repository (main checkout and every worktree share the git
 * common dir), so a read–decide–append sequence never interleaves with another process's.
 */
export function withStatusLock<T>(mission: StatusMission, fn: () => Promise<T> | T): Promise<T> {
  return withLock(repoLockPath(mission.root, "status"), fn, { timeoutMs: 30_000 });
}

/**
 * Appends lines to the log with ONE write and fsyncs it. Callers hold the status lock; the single
 * O_APPEND write means that even a writer that somehow bypassed the lock could not interleave bytes
 * inside a line.
 */
export function appendEventLines(mission: StatusMission, events: readonly StatusEvent[]): void {
  if (events.length === 0) return;
  // Appending follows symlinks, so the log must resolve inside the project (a planted link cannot
  // make us write elsewhere).
  const path = resolveInside(mission.root, relative(mission.root, eventsPath(mission)));
  appendLines(
    path,
    events.map((event) => serializeEvent(event)),
  );
}

/** Appends `lines` (without newlines) to a JSONL file with one write and an fsync; the caller holds its lock. */
export function appendLines(path: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const text = lines.map((line) => `${line}\n`).join("");
  const fd = openSync(path, "a+", 0o644);
  try {
    // A log whose last line lacks its newline (hand edit) must not get our line glued onto it.
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const lead = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a ? "\n" : "";
    const bytes = Buffer.from(lead + text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
