import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { withStatusLock } from "../project.ts";
import { sortKeysDeep } from "../pyjson.ts";
import { loadSnapshot } from "./log-reader.ts";
import type { StatusSnapshot } from "./reducer.ts";
import { SNAPSHOT_FILE, type StatusMission } from "./store.ts";

/** `status.json` = the reduced log plus the mission's number and type (upstream's v3.1.1 shape). */
export interface StatusFile extends StatusSnapshot {
  mission_number: string;
  mission_type: string;
}

/** Number and type the way the original resolves them for missions with older meta.json files. */
export function missionIdentity(mission: StatusMission): { number: string; type: string } {
  const meta = mission.meta;
  const number = meta.mission_number || meta.feature_number || /^(\d+)-/.exec(mission.slug)?.[1] || "";
  const type = meta.mission_type || meta.mission || "software-dev";
  return { number, type };
}

export function snapshotPath(mission: StatusMission): string {
  return containedPath(mission.root, join(mission.dir, SNAPSHOT_FILE));
}

export function buildStatusFile(mission: StatusMission, snapshot: StatusSnapshot): StatusFile {
  const { number, type } = missionIdentity(mission);
  return { ...snapshot, mission_number: number, mission_type: type };
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
