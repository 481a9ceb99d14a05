import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { withStatusLock } from "../project.ts";
import { sortKeysDeep } from "../pyjson.ts";
import { loadSnapshot } from "./log-reader.ts";
import type { StatusSnapshot } from "./reducer.ts";
import { SNAPSHOT_FILE, type StatusMission, statusDirOf } from "./store.ts";

/**
 * `status.json` = the reduced log plus the mission's number and type, in the newest upstream shape
 * (spec-kitty 3.2.6: runtime slots when set); for a log we wrote, the same bytes 3.2.6 writes.
 */
export interface StatusFile extends StatusSnapshot {
  mission_number: string;
  mission_type: string;
}

/**
 * The mission's display number as status.json spells it: 3.1's "NNN" string as stored; 3.2's integer
 * as its decimal text; for a number not assigned yet (null, 3.2 before merge) the directory's digits
 * without padding, as 3.2 writes them; for older missions `feature_number` or the directory's digits.
 */
function displayNumber(mission: StatusMission): string {
  const { mission_number: number, feature_number: legacy } = mission.meta;
  const digits = /^(\d+)-/.exec(mission.slug)?.[1];
  if (typeof number === "number") return String(number);
  if (typeof number === "string" && number !== "") return number;
  if (number === null) return digits === undefined ? "" : String(Number(digits));
  if (typeof legacy === "number") return String(legacy);
  return (typeof legacy === "string" && legacy) || digits || "";
}

/** Number and type the way the original resolves them for missions of every era. */
export function missionIdentity(mission: StatusMission): { number: string; type: string } {
  const meta = mission.meta;
  const type = meta.mission_type || meta.mission || "software-dev";
  return { number: displayNumber(mission), type };
}

export function snapshotPath(mission: StatusMission): string {
  return containedPath(mission.root, join(statusDirOf(mission), SNAPSHOT_FILE));
}

/**
 * status.json's `mission_number`, as spec-kitty 3.2 writes it: the number without padding ("004" and 4
 * both give "4"); with none assigned, the directory's digits without padding, or "".
 */
function statusFileNumber(mission: StatusMission): string {
  const number = mission.meta.mission_number;
  if (typeof number === "number") return String(number);
  if (typeof number === "string" && /^\d+$/.test(number.trim())) return String(Number(number));
  if (typeof number === "string" && number !== "") return number;
  const digits = /^(\d+)-/.exec(mission.slug)?.[1];
  return digits === undefined ? "" : String(Number(digits));
}

export function buildStatusFile(mission: StatusMission, snapshot: StatusSnapshot): StatusFile {
  const { type } = missionIdentity(mission);
  return { ...snapshot, mission_number: statusFileNumber(mission), mission_type: type };
}

/** The exact bytes: sorted keys, 2-space indent, non-ASCII raw, trailing newline. */
export function serializeStatusFile(file: StatusFile): string {
  return `${JSON.stringify(sortKeysDeep(file), null, 2)}\n`;
}

export interface MaterializeResult {
  status: StatusFile;
  path: string;
  /** False when status.json already had these exact bytes (it is then not rewritten). */
  written: boolean;
}

/** Writes status.json for `snapshot`; the caller holds the status lock. */
export function materializeFrom(mission: StatusMission, snapshot: StatusSnapshot): MaterializeResult {
  const status = buildStatusFile(mission, snapshot);
  const path = snapshotPath(mission);
  const text = serializeStatusFile(status);
  const same = existsSync(path) && readFileSync(path).equals(Buffer.from(text));
  if (!same) writeFileAtomic(path, text);
  return { status, path, written: !same };
}

/**
 * Re-derives status.json from the log under the status lock, so it can never overwrite a newer
 * snapshot written by a concurrent append. A corrupt log throws before anything is written.
 */
export function materialize(mission: StatusMission): Promise<MaterializeResult> {
  return withStatusLock(mission.root, () => materializeFrom(mission, loadSnapshot(mission)));
}
