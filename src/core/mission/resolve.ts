/**
 * Finding missions: every `kitty-specs/<dir>/` that has a meta.json or a numbered name, and the one
 * selector grammar (`--mission`) used by every command: numbered slug, bare slug, number, or
 * mission_id (full ULID or unique prefix).
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { MissionMeta } from "../../schema/meta.ts";
import { SpecKittyError } from "../errors.ts";
import { readMissionMeta } from "./meta-file.ts";

export interface MissionRef {
  root: string;
  /** Absolute path of `kitty-specs/<slug>/`. */
  dir: string;
  /** Directory name, the numbered slug (`001-foo`). */
  slug: string;
  /** The immutable ULID, or null for missions created before mission_id existed. */
  missionId: string | null;
  meta: MissionMeta;
}

const NUMBERED = /^\d{3,}-.+$/;
// Crockford base32 (no I, L, O, U); four characters at least so short words aren't read as ids.
const ULID_PREFIX = /^[0-9A-HJKMNP-TV-Z]{4,26}$/i;

export function specsDir(root: string): string {
  return join(root, "kitty-specs");
}

function loadRef(root: string, name: string): MissionRef {
  return missionRefAt(root, join(specsDir(root), name));
}

/**
 * The mission in directory `dir` (normally `<root>/kitty-specs/<name>`; the dashboard also reads
 * copies that exist only in a lane worktree). An unreadable meta.json is an error.
 */
export function missionRefAt(root: string, dir: string): MissionRef {
  const name = basename(dir);
  const metaPath = join(dir, "meta.json");
  const meta = existsSync(metaPath)
    ? readMissionMeta(metaPath, `kitty-specs/${name}/meta.json`)
    : ({} as MissionMeta);
  const id = typeof meta.mission_id === "string" && meta.mission_id !== "" ? meta.mission_id : null;
  return { root, dir, slug: name, missionId: id, meta };
}

/** The mission directory names in a `kitty-specs/` directory (numbered, or holding a meta.json), sorted. */
export function missionDirsIn(base: string): string[] {
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .filter((name) => NUMBERED.test(name) || existsSync(join(base, name, "meta.json")))
    .sort();
}

function missionDirNames(root: string): string[] {
  return missionDirsIn(specsDir(root));
}

/** All missions of the project, sorted by directory name. An unreadable meta.json is an error. */
export function listMissions(root: string): MissionRef[] {
  return missionDirNames(root).map((name) => loadRef(root, name));
}

function available(refs: MissionRef[]): string {
  return refs.length === 0 ? "none yet" : refs.map((ref) => ref.slug).join(", ");
}

/** Candidates for `selector`, strongest kind of match first; stops at the first kind that matches. */
function candidates(refs: MissionRef[], selector: string): MissionRef[] {
  const bySlug = refs.filter(
    (ref) =>
      ref.meta.mission_slug === selector || ref.meta.slug === selector || ref.meta.feature_slug === selector,
  );
  if (bySlug.length > 0) return bySlug;
  const bare = refs.filter((ref) => ref.slug.replace(/^\d+-/, "") === selector);
  if (bare.length > 0) return bare;
  if (/^\d+$/.test(selector)) {
    const n = Number(selector);
    const byNumber = refs.filter((ref) => {
      const lead = /^(\d+)-/.exec(ref.slug)?.[1];
      return lead !== undefined && Number(lead) === n;
    });
    if (byNumber.length > 0) return byNumber;
  }
  if (ULID_PREFIX.test(selector)) {
    const upper = selector.toUpperCase();
    const exact = refs.filter((ref) => ref.missionId?.toUpperCase() === upper);
    if (exact.length > 0) return exact;
    return refs.filter((ref) => ref.missionId?.toUpperCase().startsWith(upper));
  }
  return [];
}

/**
 * Resolves `--mission`. The selector never becomes a path: it is only compared with directory names
 * listed from disk, so `../x` or `a/b` simply match nothing.
 */
export function resolveMission(root: string, selector: string | undefined): MissionRef {
  const trimmed = selector?.trim() ?? "";
  if (trimmed === "") {
    const refs = listMissions(root);
    throw new SpecKittyError("MISSION_REQUIRED", `--mission is required (available: ${available(refs)})`, {
      exitCode: 2,
      fix:
        refs.length === 0
          ? "create one with `spec-kitty agent mission create <slug>`"
          : `pass --mission <slug|mission_id>, e.g. --mission ${refs[refs.length - 1]?.slug}`,
      details: { available_missions: refs.map((ref) => ref.slug) },
    });
  }
  // Fast path: an exact directory name needs only that one meta.json.
  if (missionDirNames(root).includes(trimmed)) return loadRef(root, trimmed);
  const refs = listMissions(root);
  const found = candidates(refs, trimmed);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new SpecKittyError(
      "MISSION_AMBIGUOUS",
      `--mission '${trimmed}' matches ${found.length} missions: ${available(found)}`,
      {
        fix: "pass the numbered slug or the full mission_id",
        details: { candidates: found.map((ref) => ({ mission_slug: ref.slug, mission_id: ref.missionId })) },
      },
    );
  }
  throw new SpecKittyError(
    "MISSION_NOT_FOUND",
    `no mission matches '${trimmed}' (available: ${available(refs)})`,
    {
      fix: "check the slug with `ls kitty-specs/`, or pass the mission_id from meta.json",
      details: { available_missions: refs.map((ref) => ref.slug) },
    },
  );
}
