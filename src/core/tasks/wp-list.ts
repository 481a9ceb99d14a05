/**
 * The mission's WP files: ONE filename rule and one listing for every reader. A file in `tasks/` whose
 * name starts with `WP`/`wp` and ends in `.md` is a WP candidate; its id comes from the name
 * (`WP01-title.md` → WP01, see wpIdFromFilename). Missions from before spec-kitty 0.9 keep WP files in
 * lane folders (`tasks/planned|doing|for_review|done/`); those are listed too, with their folder.
 * Candidates that cannot be read are problems the caller decides about (finalize refuses them all;
 * readers skip a badly named file), never a crash.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compareWpIds, WP_ID } from "../../schema/wp-frontmatter.ts";
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { irregularWpIdFromFilename, readWpFile, type WpFile, wpIdFromFilename } from "./wp-file.ts";

/** What listing WP files needs to know about a mission. */
export type WpMission = Pick<MissionRef, "dir" | "slug">;

/** Anything in tasks/ that looks like a WP file; README.md and friends are not. */
const LOOKS_LIKE_WP = /^wp.*\.md$/i;

/** The lane folders of the pre-0.9 layout (upstream's `LANE_DIRS`), in workflow order. */
export const LEGACY_LANE_FOLDERS = ["planned", "doing", "for_review", "done"] as const;
export type LegacyLaneFolder = (typeof LEGACY_LANE_FOLDERS)[number];
const WP_TOKEN = new RegExp(WP_ID, "g");

export interface WpProblem {
  /** `name`: not a valid WP file name; `content`: unreadable or invalid; `duplicate`: a second file for an id. */
  kind: "name" | "content" | "duplicate";
  code: string;
  message: string;
  file: string;
  /** Facts of the underlying error (e.g. `conflict_markers: true`, the line). */
  details?: Record<string, unknown>;
}

export interface WpScan {
  /** Readable WP files, sorted by id (WP02 < WP10 < WP100). */
  wps: WpFile[];
  problems: WpProblem[];
  /**
   * Readable files whose name carries a non-canonical WP id (`WP7-…`). Each also has a `name`
   * problem: finalize refuses it, readers show it (other tools wrote it; the log may know it).
   */
  irregular: WpFile[];
  /** The lane folder of each WP file found in one (pre-0.9 layout), by WP id. */
  folders: Map<string, LegacyLaneFolder>;
}

interface Candidate {
  file: string;
  name: string;
  id: string | null;
  /** A non-canonical id the name carries (when `id` is null). */
  irregularId: string | null;
  folder: LegacyLaneFolder | null;
  error: SpecKittyError | null;
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && LOOKS_LIKE_WP.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

function candidates(mission: WpMission): Candidate[] {
  const dir = join(mission.dir, "tasks");
  if (!existsSync(dir)) return [];
  const places: { sub: string; folder: LegacyLaneFolder | null }[] = [
    { sub: "", folder: null },
    ...LEGACY_LANE_FOLDERS.map((folder) => ({ sub: folder, folder })),
  ];
  return places.flatMap(({ sub, folder }) =>
    filesIn(join(dir, sub)).map((file): Candidate => {
      const rel = sub ? `${sub}/${file}` : file;
      const name = `kitty-specs/${mission.slug}/tasks/${rel}`;
      const path = join(dir, sub, file);
      try {
        return { file: path, name, id: wpIdFromFilename(file, name), irregularId: null, folder, error: null };
      } catch (error) {
        if (!isSpecKittyError(error)) throw error;
        return { file: path, name, id: null, irregularId: irregularWpIdFromFilename(file), folder, error };
      }
    }),
  );
}

function problem(kind: WpProblem["kind"], error: SpecKittyError, file: string): WpProblem {
  return {
    kind,
    code: error.code,
    message: error.message,
    file,
    ...(error.details ? { details: error.details } : {}),
  };
}

/** The WP id a problem file belongs to, when its name carries one (canonical or not). */
export function problemWpId(p: WpProblem): string | null {
  const file = p.file.split("/").pop() ?? "";
  try {
    return wpIdFromFilename(file);
  } catch {
    return irregularWpIdFromFilename(file);
  }
}

/** Every WP candidate of the mission, read; each one that could not be is a problem, not an exception. */
export function scanWpFiles(mission: WpMission): WpScan {
  const wps: WpFile[] = [];
  const irregular: WpFile[] = [];
  const problems: WpProblem[] = [];
  const folders = new Map<string, LegacyLaneFolder>();
  const byId = new Map<string, string>();
  for (const c of candidates(mission)) {
    if (c.id === null) {
      problems.push(problem("name", c.error as SpecKittyError, c.name));
      if (c.irregularId !== null && !byId.has(c.irregularId)) {
        byId.set(c.irregularId, c.name);
        // Best effort: an irregular file that cannot be read stays just a badly named file.
        try {
          irregular.push(readWpFile(c.file, c.name, c.irregularId));
        } catch (error) {
          if (!isSpecKittyError(error)) throw error;
        }
      }
      continue;
    }
    const other = byId.get(c.id);
    if (other) {
      const message = `${c.id} has two files: ${other} and ${c.name}`;
      problems.push({ kind: "duplicate", code: "DUPLICATE_WP", message, file: c.name });
      continue;
    }
    byId.set(c.id, c.name);
    if (c.folder) folders.set(c.id, c.folder);
    try {
      wps.push(readWpFile(c.file, c.name));
    } catch (error) {
      if (!isSpecKittyError(error)) throw error;
      problems.push(problem("content", error, c.name));
    }
  }
  wps.sort((a, b) => compareWpIds(a.id, b.id));
  return { wps, problems, irregular, folders };
}

/**
 * The WP files readers work from. A file that is not named like a WP is skipped (it is not one); an
 * unreadable WP file or a second file for one id is an error naming the file.
 */
export function listWpFiles(mission: WpMission): WpFile[] {
  const { wps, problems } = scanWpFiles(mission);
  const fatal = problems.find((p) => p.kind !== "name");
  if (fatal) {
    throw new SpecKittyError(fatal.code, fatal.message, {
      fix: `repair or rename ${fatal.file}`,
      details: { file: fatal.file },
    });
  }
  return wps;
}

/**
 * One WP's file, read on its own (other WP files are not parsed), or WP_NOT_FOUND listing the WPs that
 * exist. Pass `all` when the caller already holds the listing.
 */
export function findWpFile(mission: WpMission, wpId: string, all?: readonly WpFile[]): WpFile {
  if (all) {
    const found = all.find((wp) => wp.id === wpId);
    if (found) return found;
    throw wpNotFound(mission, wpId, all);
  }
  const matches = candidates(mission).filter((c) => c.id === wpId);
  if (matches.length > 1) {
    throw new SpecKittyError(
      "DUPLICATE_WP",
      `${wpId} has two files: ${matches.map((c) => c.name).join(" and ")}`,
      {
        fix: "keep one file per work package",
      },
    );
  }
  const match = matches[0];
  if (match) return readWpFile(match.file, match.name);
  throw wpNotFound(
    mission,
    wpId,
    candidates(mission).flatMap((c) => (c.id ? [{ id: c.id }] : [])),
  );
}

/** The ids of the mission's WP files, from their names alone (nothing is parsed). */
export function wpIdsOnDisk(mission: WpMission): string[] {
  return candidates(mission).flatMap((c) => (c.id ? [c.id] : []));
}

/** The error for a WP id with no file, naming the WPs that do exist. */
export function wpNotFound(
  mission: WpMission,
  wpId: string,
  known: readonly { id: string }[],
): SpecKittyError {
  return new SpecKittyError("WP_NOT_FOUND", `${wpId} has no file in kitty-specs/${mission.slug}/tasks/`, {
    fix: known.length
      ? `known WPs: ${known.map((wp) => wp.id).join(", ")}`
      : "create WP files with /spec-kitty.tasks first",
    details: { wp_id: wpId, mission_slug: mission.slug },
  });
}

/** A frontmatter value as display text ('' for absent), the way status JSON reports agent/shell_pid. */
export function scalarText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") {
    const name = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).key;
    return typeof name === "string" ? name : JSON.stringify(value);
  }
  return String(value);
}

/** Frontmatter `dependencies` as a list (a `"WP01, WP02"` string is split, as the original coerces it). */
export function dependenciesOf(wp: WpFile): string[] {
  const deps = wp.data.dependencies;
  if (Array.isArray(deps)) return deps.map(String);
  if (typeof deps === "string") return deps.match(WP_TOKEN) ?? [];
  return [];
}
