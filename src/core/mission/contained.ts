/**
 * The containment check a command makes before it touches a mission: every place spec-kitty reads or
 * writes in the project (`.kittify/`'s own files, `kitty-specs/`, `.worktrees/`, the mission folder,
 * each mission file and folder, every entry of `tasks/` and of its review-cycle folders) must really be
 * inside the project. A symlink leading out, or dangling, anywhere there is refused up front with an
 * error naming it, before any file is read or written; each write checks its own path again
 * (`containedPath`), and the atomic writer and the appender refuse hard-linked files.
 */
import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { containedPath } from "../fs/safe-path.ts";
import type { MissionRef } from "./resolve.ts";

/** What spec-kitty opens at the project root and in `.kittify/`. */
const PROJECT_ENTRIES = [
  ".kittify",
  ".kittify/config.yaml",
  ".kittify/metadata.yaml",
  ".kittify/templates",
  ".kittify/runtime",
  ".kittify/workspaces",
  ".kittify/locks",
  "kitty-specs",
  ".worktrees",
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
];

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
export function checkMissionContained(mission: Pick<MissionRef, "root" | "dir">): void {
  const { root, dir } = mission;
  containedPath(root, dir);
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
