/**
 * Finding missions: every `kitty-specs/<dir>/` that has a meta.json or a numbered name (`NNN-slug`, the
 * 3.1 form; 3.2 names new missions `<slug>-<mid8>`), and the one selector grammar (`--mission`) used
 * by every command, in spec-kitty 3.2's order: directory name, full ULID, mid8, slug, slug without its
 * number, number, a bare slug of a `<slug>-<mid8>` directory, then any unique mission_id prefix.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { MissionMeta } from "../../schema/meta.ts";
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { type Coordination, coordinationOf } from "./coordination.ts";
import { readMissionMeta } from "./meta-file.ts";

export interface MissionRef {
  root: string;
  /** Absolute path of `kitty-specs/<dir>/`. */
  dir: string;
  /** Directory name: the numbered slug (`001-foo`) or the 3.2 form (`foo-01KVMP86`). */
  slug: string;
  /** The immutable ULID, or null for missions created before mission_id existed. */
  missionId: string | null;
  meta: MissionMeta;
  /**
   * Where `status.events.jsonl` and `status.json` live: `dir`, or the coordination worktree's copy of
   * the mission for 3.2 missions whose status is kept on a coordination branch.
   */
  statusDir: string;
  coordination: Coordination;
  /** Why this mission's meta.json could not be read (listings keep going; resolving it throws this). */
  problem?: SpecKittyError;
}

const NUMBERED = /^\d{3,}-.+$/;
const FULL_ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const MID8 = /^[0-9A-Z]{8}$/;
const MID8_TAIL = /-[0-9A-HJKMNP-TV-Z]{8}$/;
// Crockford base32 (no I, L, O, U); four characters at least so short words aren't read as ids.
const ULID_PREFIX = /^[0-9A-HJKMNP-TV-Z]{4,26}$/i;

export function specsDir(root: string): string {
  return join(root, "kitty-specs");
}

function loadRef(root: string, name: string): MissionRef {
  return refAt(root, join(specsDir(root), name));
}

/** The SpecKittyError `check` throws, or undefined. */
function problemOf(check: () => unknown): SpecKittyError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    return error;
  }
}

/**
 * The mission in directory `dir`; an unreadable meta.json, or one (or a coordination worktree) that
 * leads out of the project, is recorded as its `problem` and never read through.
 */
function refAt(root: string, dir: string): MissionRef {
  const name = basename(dir);
  const metaPath = join(dir, "meta.json");
  let meta = {} as MissionMeta;
  let problem = existsSync(metaPath)
    ? problemOf(() => {
        meta = readMissionMeta(containedPath(root, metaPath), `kitty-specs/${name}/meta.json`);
      })
    : undefined;
  const id = typeof meta.mission_id === "string" && meta.mission_id !== "" ? meta.mission_id : null;
  const coordination = coordinationOf(root, name, meta);
  const statusDir =
    coordination.state === "materialized" && coordination.statusDir ? coordination.statusDir : dir;
  if (statusDir !== dir) problem ??= problemOf(() => containedPath(root, statusDir));
  return {
    root,
    dir,
    slug: name,
    missionId: id,
    meta,
    statusDir,
    coordination,
    ...(problem ? { problem } : {}),
  };
}

/** Whether `name` (one path segment) is a mission directory, by the listing's rule, without listing. */
function isMissionDir(root: string, name: string): boolean {
  if (name.startsWith(".") || /[/\\]/.test(name)) return false;
  const dir = join(specsDir(root), name);
  try {
    // lstat, as the listing does: a symlink is not a mission directory.
    if (!lstatSync(dir).isDirectory()) return false;
  } catch {
    return false;
  }
  return NUMBERED.test(name) || existsSync(join(dir, "meta.json"));
}

function missionDirNames(root: string): string[] {
  return missionDirsIn(specsDir(root));
}

/**
 * The mission directory names in a `kitty-specs/` directory (numbered, or holding a meta.json), sorted;
 * real directories only (a symlink is not followed).
 */
export function missionDirsIn(base: string): string[] {
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .filter((name) => NUMBERED.test(name) || existsSync(join(base, name, "meta.json")))
    .sort();
}

/**
 * All missions of the project, sorted by directory name. A mission whose meta.json cannot be read is
 * listed with its `problem` (and an empty meta), so one broken mission never hides the others.
 */
export function listMissions(root: string): MissionRef[] {
  return missionDirNames(root).map((name) => loadRef(root, name));
}

function available(refs: MissionRef[]): string {
  return refs.length === 0 ? "none yet" : refs.map((ref) => ref.slug).join(", ");
}

type Rule = (ref: MissionRef) => boolean;

/** The selector rules, strongest first; resolution stops at the first rule that matches anything. */
function rules(selector: string): Rule[] {
  const upper = selector.toUpperCase();
  const out: Rule[] = [];
  if (FULL_ULID.test(selector)) out.push((ref) => ref.missionId === selector);
  // An 8-character handle of digits and capitals is a mid8 first (even when it is all digits).
  if (MID8.test(selector)) out.push((ref) => ref.missionId?.startsWith(selector) ?? false);
  out.push(
    (ref) =>
      ref.meta.mission_slug === selector || ref.meta.slug === selector || ref.meta.feature_slug === selector,
  );
  out.push((ref) => NUMBERED.test(ref.slug) && ref.slug.replace(/^\d+-/, "") === selector);
  if (/^\d+$/.test(selector)) {
    const n = Number(selector);
    out.push((ref) => {
      const lead = /^(\d+)-/.exec(ref.slug)?.[1];
      return lead !== undefined && Number(lead) === n;
    });
  }
  // A bare slug names the one `<slug>-<mid8>` directory (spec-kitty 3.2's "bare modern slug").
  out.push((ref) => MID8_TAIL.test(ref.slug) && ref.slug.slice(0, -9) === selector);
  if (ULID_PREFIX.test(selector)) {
    out.push((ref) => ref.missionId?.toUpperCase() === upper);
    out.push((ref) => ref.missionId?.toUpperCase().startsWith(upper) ?? false);
  }
  return out;
}

/** Candidates for `selector`, strongest kind of match first; missions with a broken meta.json never match. */
function candidates(refs: MissionRef[], selector: string): MissionRef[] {
  const readable = refs.filter((ref) => !ref.problem);
  for (const rule of rules(selector)) {
    const found = readable.filter(rule);
    if (found.length > 0) return found;
  }
  return [];
}

/** The mission itself, refusing one that cannot be read or whose status cannot be located. */
function usable(ref: MissionRef): MissionRef {
  if (ref.problem) throw ref.problem;
  if (ref.coordination.state === "empty") {
    throw new SpecKittyError(
      "STATUS_READ_PATH_NOT_FOUND",
      `${ref.slug} keeps its status on a coordination branch, but the coordination worktree has no kitty-specs/${ref.slug}/`,
      {
        fix: `restore ${ref.coordination.statusDir} (check out ${ref.coordination.branch ?? `kitty/mission-${ref.slug}`} there), or remove the stale worktree`,
        details: { mission_slug: ref.slug, status_dir: ref.coordination.statusDir },
      },
    );
  }
  return ref;
}

/**
 * The mission in directory `dir` (normally `<root>/kitty-specs/<name>`; the dashboard also reads
 * copies that exist only in a lane worktree), refusing one that cannot be read.
 */
export function missionRefAt(root: string, dir: string): MissionRef {
  return usable(refAt(root, dir));
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
  // Fast path: an exact directory name needs only that one meta.json (no listing of the others).
  if (isMissionDir(root, trimmed)) return usable(loadRef(root, trimmed));
  const refs = listMissions(root);
  const found = candidates(refs, trimmed);
  if (found.length === 1 && found[0]) return usable(found[0]);
  if (found.length > 1) {
    throw new SpecKittyError(
      "MISSION_AMBIGUOUS",
      `--mission '${trimmed}' matches ${found.length} missions: ${available(found)}`,
      {
        fix: "pass the full directory name or the full mission_id",
        details: { candidates: found.map((ref) => ({ mission_slug: ref.slug, mission_id: ref.missionId })) },
      },
    );
  }
  throw new SpecKittyError(
    "MISSION_NOT_FOUND",
    `no mission matches '${trimmed}' (available: ${available(refs)})`,
    {
      fix: "check the slug with `ls kitty-specs/`, or pass the mission_id (or its first 8 characters) from meta.json",
      details: { available_missions: refs.map((ref) => ref.slug) },
    },
  );
}
