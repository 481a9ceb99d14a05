/**
 * THE mission view: the reduced event log, the WP files and lanes.json, put together once for every
 * reader (the board, `next`, the action commands). The log is the truth: every WP it knows is in the
 * view, with or without a WP file (a missing prompt file is flagged); a WP file without lane events
 * is `planned`. Missions from before the event log (spec-kitty 0.x–2.x) take their lanes from lane
 * folders or frontmatter `lane:` instead. Nothing here throws for one bad WP file: it becomes a
 * warning naming the file, and the other WPs and the log's state are still shown.
 */
import { existsSync } from "node:fs";
import { compareWpIds } from "../../schema/wp-frontmatter.ts";
import { isSpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import { type LanesManifest, readLanes } from "../lanes/file.ts";
import { checkMissionContained } from "../mission/contained.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { describeConflict } from "../status/claims.ts";
import { normalizeLane, type StatusLane } from "../status/lane.ts";
import { loadStatus } from "../status/log-reader.ts";
import { snapshotPath } from "../status/materialize.ts";
import { hasLane, type StatusSnapshot, type TeamFacts, type WpState } from "../status/reducer.ts";
import { displayPath, eventsPath } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";
import { type LegacyLaneFolder, problemWpId, scanWpFiles, type WpScan } from "../tasks/wp-list.ts";

export type LaneSource = "event_log" | "lane_folder" | "frontmatter" | "default";

export interface MissionWp {
  id: string;
  /** The status lane the board shows. */
  lane: StatusLane;
  /** Where `lane` comes from: a lane event, a legacy folder or frontmatter `lane:`, or the default. */
  laneSource: LaneSource;
  /** The log has moved this WP into a lane (false: planned by default, or a legacy lane). */
  hasStatus: boolean;
  /** The reduced log's state of this WP (runtime slots included), if the log knows it. */
  state: WpState | null;
  /** The WP file, when it exists and could be read. */
  file: WpFile | null;
  /** Project-relative name of the WP's file on disk, readable or not; null when there is none. */
  fileName: string | null;
  /** The log knows the WP but `tasks/` holds no file for it. */
  promptFileMissing: boolean;
}

export interface ViewWarning {
  code: string;
  message: string;
  wp_id?: string;
  file?: string;
}

export type StatusSource = "event_log" | "legacy_lane_folders" | "legacy_frontmatter";

export interface MissionView {
  mission: MissionRef;
  snapshot: StatusSnapshot;
  statusSource: StatusSource;
  /** Sorted by WP id (WP02 < WP10 < WP100). */
  wps: MissionWp[];
  manifest: LanesManifest | null;
  warnings: ViewWarning[];
  /** status.json exists but is not JSON (e.g. conflict markers): never trusted, rebuilt on demand. */
  statusFileUnreadable: boolean;
  /** Who holds each WP (actor and person) and the WPs two claimants claimed (see status/claims.ts). */
  team: TeamFacts;
}

/** Legacy lane spellings, as upstream's rebuild from frontmatter maps them. */
const LEGACY_ALIASES: Record<string, StatusLane> = {
  review: "for_review",
  complete: "done",
  cancelled: "canceled",
};

function legacyLane(value: unknown): StatusLane | undefined {
  if (typeof value !== "string") return undefined;
  return normalizeLane(value) ?? LEGACY_ALIASES[value.trim().toLowerCase()];
}

const FOLDER_LANE: Record<LegacyLaneFolder, StatusLane> = {
  planned: "planned",
  doing: "in_progress",
  for_review: "for_review",
  done: "done",
};

function fileWarnings(scan: WpScan, warnings: ViewWarning[]): void {
  for (const wp of [...scan.wps, ...scan.irregular])
    for (const w of wp.warnings)
      warnings.push({ code: w.code, message: w.message, wp_id: wp.id, file: wp.name });
  const irregularNames = new Set(scan.irregular.map((wp) => wp.name));
  for (const p of scan.problems) {
    if (p.kind === "name" && irregularNames.has(p.file)) continue; // reported as non_canonical_wp_id
    const id = problemWpId(p);
    const code =
      p.kind === "duplicate"
        ? "duplicate_wp_file"
        : p.kind === "name"
          ? "not_a_wp_file_name"
          : p.details?.conflict_markers
            ? "wp_frontmatter_conflict_markers"
            : "wp_frontmatter_unparseable";
    const message =
      p.kind === "content" ? `${p.message} (the WP is shown from the event log; fix the file)` : p.message;
    warnings.push({ code, message, file: p.file, ...(id ? { wp_id: id } : {}) });
  }
}

function statusFileUnreadable(mission: MissionRef): boolean {
  const path = snapshotPath(mission);
  if (!existsSync(path)) return false;
  try {
    JSON.parse(readTextFile(path, displayPath(mission, path)));
    return false;
  } catch {
    return true;
  }
}

/**
 * Reads everything the readers show about a mission. Only a corrupt event log throws (file and line),
 * and a place of the mission that leads out of the project (checked before anything is read).
 */
export function readMissionView(mission: MissionRef): MissionView {
  checkMissionContained(mission);
  const { snapshot, team } = loadStatus(mission);
  const scan = scanWpFiles(mission);
  const warnings: ViewWarning[] = [];
  fileWarnings(scan, warnings);
  const files = new Map<string, WpFile>();
  for (const wp of [...scan.wps, ...scan.irregular]) files.set(wp.id, wp);
  // Files that exist but could not be read still tell us the WP exists.
  const brokenNames = new Map<string, string>();
  for (const p of scan.problems) {
    const id = problemWpId(p);
    if (id && p.kind === "content" && !files.has(id)) brokenNames.set(id, p.file);
  }

  const legacy = !existsSync(eventsPath(mission)) && hasLegacyLanes(scan);
  const ids = new Set<string>([...files.keys(), ...brokenNames.keys()]);
  for (const [id, state] of Object.entries(snapshot.work_packages)) if (hasLane(state)) ids.add(id);

  const wps = [...ids].sort(compareWpIds).map((id): MissionWp => {
    const state = snapshot.work_packages[id];
    const file = files.get(id) ?? null;
    const fileName = file?.name ?? brokenNames.get(id) ?? null;
    const base = { id, state: state ?? null, file, fileName, promptFileMissing: fileName === null };
    if (hasLane(state)) return { ...base, lane: state.lane, laneSource: "event_log", hasStatus: true };
    if (legacy && file)
      return { ...base, ...legacyOf(file, scan.folders.get(id), warnings), hasStatus: false };
    return { ...base, lane: "planned", laneSource: "default", hasStatus: false };
  });

  for (const wp of wps) {
    if (!wp.promptFileMissing) continue;
    warnings.push({
      code: "events_without_wp_file",
      message: `the event log has ${wp.id} (${wp.lane}) but kitty-specs/${mission.slug}/tasks/ has no ${wp.id} file`,
      wp_id: wp.id,
    });
  }
  const statusSource: StatusSource = !legacy
    ? "event_log"
    : scan.folders.size > 0
      ? "legacy_lane_folders"
      : "legacy_frontmatter";
  if (legacy) {
    warnings.push({
      code: "no_event_log",
      message: `${displayPath(mission, eventsPath(mission))} does not exist (a mission from before the event log)`,
    });
    warnings.push({
      code: statusSource === "legacy_lane_folders" ? "legacy_lane_folders" : "legacy_frontmatter_lane",
      message: `lanes come from ${
        statusSource === "legacy_lane_folders" ? "tasks/<lane>/ folders" : "frontmatter `lane:`"
      }; \`spec-kitty agent mission finalize-tasks --mission ${mission.slug}\` starts the event log from them`,
    });
  }
  const unreadable = statusFileUnreadable(mission);
  if (unreadable) {
    warnings.push({
      code: "status_json_unreadable",
      message: `${displayPath(mission, snapshotPath(mission))} is not valid JSON (conflict markers?); it is never trusted and is rebuilt from the event log`,
    });
  }
  let manifest: LanesManifest | null = null;
  try {
    manifest = readLanes(mission);
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    warnings.push({ code: "lanes_json_unreadable", message: error.message });
  }
  for (const conflict of team.conflicts)
    warnings.push({
      code: "double_claim",
      message: describeConflict(mission.slug, conflict),
      wp_id: conflict.wp_id,
    });
  return { mission, snapshot, statusSource, wps, manifest, warnings, statusFileUnreadable: unreadable, team };
}

function hasLegacyLanes(scan: WpScan): boolean {
  return scan.folders.size > 0 || scan.wps.some((wp) => wp.data.lane !== undefined && wp.data.lane !== null);
}

/** A pre-event-log WP's lane: its folder wins over its frontmatter (upstream's 0.9 migration rule). */
function legacyOf(
  file: WpFile,
  folder: LegacyLaneFolder | undefined,
  warnings: ViewWarning[],
): { lane: StatusLane; laneSource: LaneSource } {
  const declared = legacyLane(file.data.lane);
  if (folder) {
    const lane = FOLDER_LANE[folder];
    if (declared !== undefined && declared !== lane) {
      warnings.push({
        code: "lane_folder_frontmatter_mismatch",
        message: `${file.name} sits in tasks/${folder}/ but its frontmatter says lane: ${String(file.data.lane)}; the folder wins`,
        wp_id: file.id,
        file: file.name,
      });
    }
    return { lane, laneSource: "lane_folder" };
  }
  if (declared !== undefined) return { lane: declared, laneSource: "frontmatter" };
  const stated = file.data.lane !== undefined && file.data.lane !== null;
  warnings.push({
    code: stated ? "unknown_legacy_lane" : "lane_missing_defaulted",
    message: stated
      ? `${file.name}: lane '${String(file.data.lane)}' is not a lane; shown as planned`
      : `${file.name} has no lane: key; shown as planned`,
    wp_id: file.id,
    file: file.name,
  });
  return { lane: "planned", laneSource: "default" };
}
