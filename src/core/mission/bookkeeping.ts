/**
 * spec-kitty's own bookkeeping files: what the loop writes into a mission directory as it runs (the
 * status log and its snapshot, meta.json, lanes.json, the `next` journal, the WP files' frontmatter and
 * activity lines, tasks.md's checkboxes, review-cycle records), plus its scratch space. A later step
 * never refuses to run because one of these is uncommitted: they are committed by the command that
 * wrote them when `auto_commit` is on, and by `spec-kitty merge` in any case. The one classifier of
 * "is this dirt ours or the user's?".
 */
import { basename, relative } from "node:path";
import { dirtyPaths } from "../git/facts.ts";
import { LOCAL_ONLY_DIRS } from "../git/local-setup.ts";

/** Scratch space that is never committed: the local-only dirs `.git/info/exclude` lists, as `dir/`. */
export const SCRATCH_DIRS: readonly string[] = LOCAL_ONLY_DIRS.map((dir) => `${dir}/`);

/** File names that are bookkeeping wherever they sit in a mission directory. */
const BOOKKEEPING_FILES = new Set([
  "status.events.jsonl",
  "status.json",
  "meta.json",
  "lanes.json",
  "mission-events.jsonl",
  "tasks.md",
]);

/** `tasks/WP01-x.md` and `tasks/WP01-x/review-cycle-2.md`, relative to the mission directory. */
const WP_FILE = /^tasks\/WP\d+[^/]*\.md$/;
const REVIEW_CYCLE = /^tasks\/WP\d+[^/]*\/review-cycle-\d+\.md$/;

/** The part of a project-relative path below `kitty-specs/<mission>/`, or null outside a mission. */
function insideMission(path: string): { mission: string; rest: string } | null {
  const match = /^kitty-specs\/([^/]+)\/(.+)$/.exec(path.replace(/\\/g, "/"));
  return match ? { mission: match[1] as string, rest: match[2] as string } : null;
}

/** Whether `path` (relative to the project root) is spec-kitty scratch space. */
export function isScratchPath(path: string): boolean {
  const p = path.replace(/\\/g, "/");
  return SCRATCH_DIRS.some((dir) => p === dir.slice(0, -1) || p.startsWith(dir));
}

/**
 * Whether `path` (relative to the project root) is a bookkeeping file of any mission, or scratch space.
 * `missionDir` narrows it to one mission (its directory name under `kitty-specs/`).
 */
export function isBookkeepingPath(path: string, missionDir?: string): boolean {
  if (missionDir === undefined && isScratchPath(path)) return true;
  const inside = insideMission(path);
  if (!inside || (missionDir !== undefined && inside.mission !== missionDir)) return false;
  const { rest } = inside;
  return BOOKKEEPING_FILES.has(rest) || WP_FILE.test(rest) || REVIEW_CYCLE.test(rest);
}

/** `paths` without spec-kitty's own files: what is left is the user's. */
export function withoutBookkeeping(paths: readonly string[]): string[] {
  return paths.filter((path) => !isBookkeepingPath(path));
}

/** The mission's own bookkeeping files that are uncommitted in the main checkout (project-relative). */
export function missionBookkeepingDirt(
  mission: { root: string; dir: string },
  env?: Record<string, string | undefined>,
): string[] {
  const rel = relative(mission.root, mission.dir).replace(/\\/g, "/");
  const name = basename(mission.dir);
  return dirtyPaths(mission.root, { env, untracked: "all", paths: [`${rel}/`] }).filter((path) =>
    isBookkeepingPath(path, name),
  );
}
