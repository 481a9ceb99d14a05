/**
 * The containment check a command makes before it touches a mission: every place spec-kitty reads or
 * writes in the project (`.kittify/`'s own files and folders — charter, backups, runtime, the owned-files
 * manifest —, `kitty-specs/`, `.worktrees/`, `kitty-ops/`, the mission folder, each mission file and
 * folder, every entry of `tasks/` and of its review-cycle folders, the coordination worktree's status
 * files) must really be inside the project. A symlink leading out, or dangling, anywhere there is refused up front with an
 * error naming it, before any file is read or written; each write checks its own path again
 * (`containedPath`), and the atomic writer and the appender refuse hard-linked files.
 */
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { containedPath } from "../fs/safe-path.ts";
import type { MissionRef } from "./resolve.ts";

/** What spec-kitty opens at the project root and in `.kittify/`. */
export const PROJECT_ENTRIES = [
  ".kittify",
  ".kittify/config.yaml",
  ".kittify/metadata.yaml",
  ".kittify/owned-files.json",
  ".kittify/command-skills-manifest.json",
  ".kittify/templates",
  ".kittify/charter",
  ".kittify/charter/charter.md",
  ".kittify/charter/interview",
  ".kittify/constitution",
  ".kittify/memory",
  ".kittify/backups",
  ".kittify/runtime",
  ".kittify/runtime/dispatch",
  ".kittify/workspaces",
  ".kittify/locks",
  "kitty-specs",
  ".worktrees",
  "kitty-ops",
];

/** What spec-kitty opens in a mission folder (files and folders it reads, writes or creates). */
export const MISSION_ENTRIES = [
  "meta.json",
  "spec.md",
  "plan.md",
  "tasks.md",
  "lanes.json",
  "status.json",
  "status.events.jsonl",
  "mission-events.jsonl",
  "tasks",
  "checklists",
  "research",
  "research.md",
  "data-model.md",
];

/** What lives in a coordination worktree's copy of the mission (3.2's coord topology). */
const STATUS_ENTRIES = ["status.events.jsonl", "status.json"];

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Each of `rels` that is a symlink must lead inside `root`; plain entries under a checked parent are. */
function checkLinks(root: string, paths: string[]): void {
  for (const path of paths) if (isLink(path)) containedPath(root, path);
}

/**
 * The project-level places (`.kittify/` and its files, `kitty-specs/`, `.worktrees/`), and every mission
 * folder that is a symlink (listings skip those, so without this check it would just go missing).
 */
export function checkProjectContained(root: string): void {
  checkLinks(
    root,
    PROJECT_ENTRIES.map((rel) => join(root, rel)),
  );
  const specs = join(root, "kitty-specs");
  for (const entry of entries(specs))
    if (entry.isSymbolicLink()) containedPath(root, join(specs, entry.name));
}

/**
 * Everything of `mission` that spec-kitty opens (the project-level places are `checkProjectContained`).
 * Cheap: one listing of `tasks/` (and of each review-cycle folder), a realpath only for symlinks.
 */
export function checkMissionContained(
  mission: Pick<MissionRef, "root" | "dir"> & Partial<Pick<MissionRef, "statusDir">>,
): void {
  const { root, dir, statusDir } = mission;
  containedPath(root, dir);
  if (statusDir !== undefined && statusDir !== dir) {
    // Status read from a coordination worktree (`.worktrees/<dir>-coord/kitty-specs/<dir>/`).
    containedPath(root, statusDir);
    checkLinks(
      root,
      STATUS_ENTRIES.map((name) => join(statusDir, name)),
    );
  }
  checkLinks(
    root,
    MISSION_ENTRIES.map((name) => join(dir, name)),
  );
  const tasks = join(dir, "tasks");
  for (const entry of entries(tasks)) {
    const path = join(tasks, entry.name);
    if (entry.isSymbolicLink()) containedPath(root, path);
    else if (entry.isDirectory())
      for (const inner of entries(path))
        if (inner.isSymbolicLink()) containedPath(root, join(path, inner.name));
  }
}

/**
 * The up-front check of a command that reads or writes every mission (upgrade, validate-tasks): the
 * project's places and each mission's.
 */
export function checkMissionsContained(root: string, missions: readonly MissionRef[]): void {
  checkProjectContained(root);
  for (const mission of missions) checkMissionContained(mission);
}
