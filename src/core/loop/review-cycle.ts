/**
 * Review cycles: a rejection's feedback is kept as `tasks/<WP-file-stem>/review-cycle-N.md`, one file per
 * cycle, and the newest one is handed back to the implementer. The one module that knows the folder,
 * the numbering and the `review-cycle://` reference format.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { nowSeconds } from "../clock.ts";
import { SpecKittyError } from "../errors.ts";
import { readInputFile } from "../fs/input-file.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { orderEvents } from "../status/reducer.ts";
import { readEvents, type StatusMission, statusDirOf } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";

/** The largest review feedback accepted (1 MiB: pages of text, never a binary or a runaway file). */
export const MAX_FEEDBACK_BYTES = 1 << 20;
const CYCLE_FILE = /^review-cycle-(\d+)\.md$/;
const CYCLE_REF = /^review-cycle:\/\/([^/]+)\/([^/]+)\/(review-cycle-\d+\.md)$/;

export interface ReviewCyclePlan {
  number: number;
  /** Absolute path of the file to write. */
  path: string;
  /** `review-cycle://<slug>/<WP-file-stem>/review-cycle-N.md`, stored in the event's review_ref. */
  ref: string;
  content: string;
}

export interface ReviewFeedback {
  /** Project-relative path of `tasks/<WP-file-stem>/review-cycle-N.md`. */
  path: string;
  ref: string;
  text: string;
}

const stemOf = (wp: WpFile): string => basename(wp.path).replace(/\.md$/, "");

/** The WP's cycle folder, project-relative (it may not exist yet). */
function cycleDirRel(mission: StatusMission, wp: WpFile): string {
  return relative(mission.root, join(dirname(wp.path), stemOf(wp)));
}

/** The number the next cycle gets: one past the highest `review-cycle-N.md` in `dir`. */
function nextNumber(dir: string): number {
  const numbers = existsSync(dir)
    ? readdirSync(dir).map((name) => Number(CYCLE_FILE.exec(name)?.[1] ?? 0))
    : [];
  return Math.max(0, ...numbers) + 1;
}

/** Where the reviewer writes a rejection's feedback: the next cycle file (project-relative). */
export function nextCyclePath(mission: StatusMission, wp: WpFile): string {
  const dirRel = cycleDirRel(mission, wp);
  return join(dirRel, `review-cycle-${nextNumber(join(mission.root, dirRel))}.md`);
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** YAML frontmatter with every string single-quoted: a bare `2026-…Z` would read back as a timestamp. */
function frontmatter(meta: Record<string, unknown>): string {
  const { stringify } = require("yaml") as typeof import("yaml");
  return `---\n${stringify(meta, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" })}---\n`;
}

/**
 * The cycle record of a rejection. If the reviewer already wrote the feedback at the next cycle path
 * (as review prompts suggest), that file IS the record: it gets its frontmatter in place, never a
 * second copy (the original made two files per rejection). Otherwise the feedback is copied to the
 * next number. Nothing is written here; the caller writes `content` to `path` once every check passed.
 */
export function planReviewCycle(
  mission: StatusMission,
  wp: WpFile,
  feedbackFile: string,
  reviewer: string,
  allowOutside = false,
): ReviewCyclePlan {
  // Its text is committed and handed to the next agent: a regular file inside the project (unless the
  // documented opt-in), bounded, never a FIFO or device (see fs/input-file.ts).
  let feedback: string;
  try {
    feedback = readInputFile(feedbackFile, {
      flag: "--review-feedback-file",
      root: mission.root,
      allowOutside,
      optIn: "--allow-external-feedback",
      maxBytes: MAX_FEEDBACK_BYTES,
    });
  } catch (error) {
    if (!(error instanceof SpecKittyError) || error.code !== "INPUT_NOT_FOUND") throw error;
    throw new SpecKittyError("FEEDBACK_NOT_FOUND", `review feedback file ${feedbackFile} does not exist`, {
      fix: "write the review feedback to a file and pass its path to --review-feedback-file",
    });
  }
  const body = feedback.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "").trim();
  if (body === "") {
    throw new SpecKittyError("FEEDBACK_EMPTY", `review feedback file ${feedbackFile} is empty`, {
      fix: "explain what must change; a rejection without feedback cannot be acted on",
    });
  }
  const dirRel = cycleDirRel(mission, wp);
  const dir = resolveInside(mission.root, dirRel);
  const own = CYCLE_FILE.exec(basename(feedbackFile));
  const number = own !== null && samePath(dirname(feedbackFile), dir) ? Number(own[1]) : nextNumber(dir);
  const name = `review-cycle-${number}.md`;
  const meta = {
    affected_files: [],
    cycle_number: number,
    mission_slug: mission.slug,
    reproduction_command: null,
    reviewed_at: nowSeconds(),
    reviewer_agent: reviewer,
    verdict: "rejected",
    wp_id: wp.id,
  };
  return {
    number,
    path: resolveInside(mission.root, join(dirRel, name)),
    ref: `review-cycle://${mission.slug}/${stemOf(wp)}/${name}`,
    content: `${frontmatter(meta)}\n${body}\n`,
  };
}

/** The newest rejection of `wpId` (an event back to planned pointing at a review-cycle file), if any. */
export function latestFeedback(mission: MissionRef, wpId: string): ReviewFeedback | null {
  const events = orderEvents(readEvents(mission)).filter((e) => e.wp_id === wpId && e.to_lane === "planned");
  for (let i = events.length - 1; i >= 0; i--) {
    const ref = events[i]?.review_ref ?? "";
    const match = CYCLE_REF.exec(ref);
    if (!match) continue;
    // The pointer comes from disk: resolve it inside the mission, never wherever it says. spec-kitty
    // 3.2.6 keeps review cycles of a coordination-topology mission next to its status files.
    const candidates = [mission.dir, statusDirOf(mission)].map((dir) =>
      resolveInside(mission.root, relative(mission.root, join(dir, "tasks", match[2] ?? "", match[3] ?? ""))),
    );
    const path = candidates.find((candidate) => existsSync(candidate));
    if (path === undefined) continue;
    const name = relative(mission.root, path);
    return { path: name, ref, text: readTextFile(path, name) };
  }
  return null;
}

export interface ReviewCycleRecord {
  number: number;
  /** Project-relative path of the cycle file. */
  path: string;
  text: string;
}

/**
 * The numbers of the WP's review-cycle files, ascending: how many times it was sent back. Only plain
 * files count; a symlink in the cycle folder is never followed.
 */
export function reviewCycleNumbers(wp: WpFile): number[] {
  const dir = join(dirname(wp.path), stemOf(wp));
  if (!isRealDirectory(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => Number(CYCLE_FILE.exec(entry.name)?.[1] ?? Number.NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

function isRealDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Every review-cycle file of the WP with its text, oldest first (what a WP detail view shows). */
export function reviewCycleRecords(mission: StatusMission, wp: WpFile): ReviewCycleRecord[] {
  const dir = join(dirname(wp.path), stemOf(wp));
  return reviewCycleNumbers(wp).map((number) => {
    const path = join(dir, `review-cycle-${number}.md`);
    const name = relative(mission.root, path);
    return { number, path: name, text: readTextFile(path, name) };
  });
}
