/**
 * Which missions a project has, for the views that span all of them: every mission of the main
 * checkout's `kitty-specs/`, plus missions that exist only in a lane worktree
 * (`.worktrees/<name>/kitty-specs/<slug>/`, e.g. created on a branch not merged yet). The main
 * checkout's copy wins: status is written there.
 *
 * Hook for coordination branches (upstream 3.2's `coord` topology, where a mission's status log lives on
 * its own branch): the mission view of the real-projects work decides where each mission's log is read
 * from; a mission that exists only on such a branch is added here as one more `MissionSource` kind.
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import {
  type MissionRef,
  missionDirsIn,
  missionRefAt,
  resolveMission,
  specsDir,
} from "../mission/resolve.ts";

export interface MissionSource {
  kind: "main" | "worktree";
  /** Project-relative directory of the mission. */
  dir: string;
}

export interface ProjectMission {
  /** The mission's directory name: unique in the project, stable, and what URLs and `--mission` use. */
  key: string;
  source: MissionSource;
  /** Null when the mission's meta.json could not be read (then `error` says why). */
  mission: MissionRef | null;
  error: { code: string; message: string } | null;
}

/** A `kitty-specs/` directory to list missions from, and what kind of source it is. */
export interface SpecsLocation {
  kind: MissionSource["kind"];
  /** Absolute path of the `kitty-specs/` directory (it may not exist). */
  path: string;
}

/** `.worktrees/` of the project: only real directories (a symlinked worktree is not followed). */
function worktreeDirs(root: string): string[] {
  const base = join(root, ".worktrees");
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => join(base, entry.name))
    .sort();
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where missions are listed from, the main checkout first. */
export function specsLocations(root: string): SpecsLocation[] {
  return [
    { kind: "main", path: specsDir(root) },
    ...worktreeDirs(root).map((dir): SpecsLocation => ({ kind: "worktree", path: join(dir, "kitty-specs") })),
  ];
}

/** One mission directory, read; an unreadable meta.json becomes the mission's error, not an exception. */
export function projectMissionAt(root: string, location: SpecsLocation, key: string): ProjectMission {
  const dir = join(location.path, key);
  const source: MissionSource = { kind: location.kind, dir: relative(root, dir) };
  try {
    return { key, source, mission: missionRefAt(root, dir), error: null };
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    return { key, source, mission: null, error: { code: error.code, message: error.message } };
  }
}

/** The main `kitty-specs/` is the project's own (as for every command); a worktree's must be a real dir. */
function listable(location: SpecsLocation): boolean {
  return location.kind === "main" ? existsSync(location.path) : isRealDirectory(location.path);
}

/**
 * Every mission of the project, each once, sorted by key. Symlinked mission directories are skipped
 * (`missionDirsIn` lists real directories only), so a link cannot pull outside files into a view.
 */
export function projectMissions(root: string): ProjectMission[] {
  const found = new Map<string, ProjectMission>();
  for (const location of specsLocations(root)) {
    if (!listable(location)) continue;
    for (const key of missionDirsIn(location.path)) {
      if (!found.has(key)) found.set(key, projectMissionAt(root, location, key));
    }
  }
  return [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The project mission with this key, read afresh (after a change on disk), or null when it is gone. */
export function findProjectMission(root: string, key: string): ProjectMission | null {
  for (const location of specsLocations(root)) {
    if (!listable(location) || !isRealDirectory(join(location.path, key))) continue;
    if (missionDirsIn(location.path).includes(key)) return projectMissionAt(root, location, key);
  }
  return null;
}

/** A mission of the main checkout, as a project mission. */
export function mainProjectMission(root: string, mission: MissionRef): ProjectMission {
  return {
    key: mission.slug,
    source: { kind: "main", dir: relative(root, mission.dir) },
    mission,
    error: null,
  };
}

/**
 * `--mission` for the views: the one selector grammar over the main checkout's missions, and, when
 * nothing there matches, a mission that exists only in a lane worktree, by its exact directory name
 * (the key the overview prints).
 */
export function resolveProjectMission(root: string, selector: string | undefined): ProjectMission {
  try {
    return mainProjectMission(root, resolveMission(root, selector));
  } catch (error) {
    if (!(error instanceof SpecKittyError) || error.code !== "MISSION_NOT_FOUND") throw error;
    const key = selector?.trim() ?? "";
    const only = projectMissions(root).find((pm) => pm.source.kind === "worktree" && pm.key === key);
    if (!only) throw error;
    if (only.error) throw new SpecKittyError(only.error.code, only.error.message);
    return only;
  }
}
