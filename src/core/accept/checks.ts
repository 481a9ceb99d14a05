/**
 * The acceptance checks of a mission, as data: every failing item is listed (which WP, which line,
 * which file), nothing is written. A mission is acceptable when every list is empty.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { readTextFile } from "../fs/text.ts";
import { dirtyPaths, isGitRepo } from "../git/facts.ts";
import { isBookkeepingPath, SCRATCH_DIRS, withoutBookkeeping } from "../mission/bookkeeping.ts";
import { unfilledLines } from "../mission/placeholders.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { laneOf, reduce } from "../status/reducer.ts";
import { readEvents } from "../status/store.ts";
import { parseTasksMd } from "../tasks/parse.ts";
import { listWpFiles } from "../tasks/wp-list.ts";

export interface FileLine {
  file: string;
  line: number;
  text: string;
}

export interface AcceptReport {
  missionSlug: string;
  acceptable: boolean;
  wpsNotReady: { wp_id: string; lane: StatusLane }[];
  uncheckedTasks: FileLine[];
  needsClarification: FileLine[];
  missingFiles: string[];
  /** Lines of spec.md and plan.md that still hold template placeholders. */
  unfilledTemplate: FileLine[];
  /** Uncommitted files that are not spec-kitty's own bookkeeping. Null outside git. */
  dirtyFiles: string[] | null;
  /**
   * spec-kitty's own files left uncommitted (auto-commit off, or a commit that failed): never a reason
   * to refuse; `spec-kitty merge` commits them. Null outside git.
   */
  bookkeepingFiles: string[] | null;
}

export const REQUIRED_FILES = ["spec.md", "plan.md", "tasks.md"];
const CLARIFY_FILES = ["spec.md", "plan.md", "tasks.md", "quickstart.md", "research.md", "data-model.md"];
const MARKER = "[NEEDS CLARIFICATION";

function linesMatching(
  root: string,
  path: string,
  test: (line: string, index: number) => boolean,
): FileLine[] {
  if (!existsSync(path) || !statSync(path).isFile()) return [];
  const file = relative(root, path);
  return readTextFile(path, file)
    .split("\n")
    .flatMap((text, index) => (test(text, index) ? [{ file, line: index + 1, text: text.trim() }] : []));
}

/** Line indexes (0-based) of tasks.md inside the sections of `wpIds`. */
function canceledSections(path: string, wpIds: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  if (wpIds.size === 0 || !existsSync(path)) return out;
  for (const wp of parseTasksMd(readTextFile(path, path)).wps) {
    if (!wpIds.has(wp.id)) continue;
    for (let i = wp.section.start; i < wp.section.end; i++) out.add(i);
  }
  return out;
}

function clarifyCandidates(dir: string): string[] {
  const research = join(dir, "research");
  const extra =
    existsSync(research) && statSync(research).isDirectory()
      ? readdirSync(research)
          .filter((name) => name.endsWith(".md"))
          .sort()
          .map((name) => join(research, name))
      : [];
  return [...CLARIFY_FILES.map((name) => join(dir, name)), ...extra];
}

/** Every uncommitted path of the checkout but spec-kitty's scratch space; null outside git. */
export function dirtyFilesOf(root: string, env?: Record<string, string | undefined>): string[] | null {
  if (!isGitRepo(root, { env })) return null;
  return dirtyPaths(root, { env, untracked: "all", ignore: [...SCRATCH_DIRS] });
}

function unfilledTemplateOf(mission: MissionRef): FileLine[] {
  return (["spec.md", "plan.md"] as const).flatMap((document) => {
    const path = join(mission.dir, document);
    if (!existsSync(path) || !statSync(path).isFile()) return [];
    const file = relative(mission.root, path);
    return unfilledLines(mission.root, document, readTextFile(path, file)).map((l) => ({ file, ...l }));
  });
}

export function checkAcceptance(mission: MissionRef, env?: Record<string, string | undefined>): AcceptReport {
  const { root, dir } = mission;
  const snapshot = reduce(readEvents(mission));
  const ids = new Set([...listWpFiles(mission).map((wp) => wp.id), ...Object.keys(snapshot.work_packages)]);
  const wpsNotReady = [...ids]
    .sort()
    .map((wp_id) => ({ wp_id, lane: laneOf(snapshot, wp_id) }))
    // A canceled WP is settled, as it is for `next` and `merge`: it asks nothing more of the mission.
    .filter((wp) => wp.lane !== "approved" && wp.lane !== "done" && wp.lane !== "canceled");
  // The open subtasks of a canceled WP ask nothing more of the mission either.
  const canceled = new Set([...ids].filter((id) => laneOf(snapshot, id) === "canceled"));
  const skipped = canceledSections(join(dir, "tasks.md"), canceled);
  const uncheckedTasks = linesMatching(
    root,
    join(dir, "tasks.md"),
    (line, index) => /^\s*[-*]\s*\[ \]/.test(line) && !skipped.has(index),
  );
  const needsClarification = clarifyCandidates(dir).flatMap((path) =>
    linesMatching(root, path, (line) => line.includes(MARKER)),
  );
  const missingFiles = REQUIRED_FILES.filter((name) => !existsSync(join(dir, name))).map((name) =>
    relative(root, join(dir, name)),
  );
  const unfilledTemplate = unfilledTemplateOf(mission);
  const dirty = dirtyFilesOf(root, env);
  const dirtyFiles = dirty === null ? null : withoutBookkeeping(dirty);
  const bookkeepingFiles = dirty === null ? null : dirty.filter((path) => isBookkeepingPath(path));
  const acceptable =
    wpsNotReady.length === 0 &&
    uncheckedTasks.length === 0 &&
    needsClarification.length === 0 &&
    missingFiles.length === 0 &&
    unfilledTemplate.length === 0 &&
    (dirtyFiles?.length ?? 0) === 0;
  return {
    missionSlug: mission.slug,
    acceptable,
    wpsNotReady,
    uncheckedTasks,
    needsClarification,
    missingFiles,
    unfilledTemplate,
    dirtyFiles,
    bookkeepingFiles,
  };
}
