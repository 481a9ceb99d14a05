import { existsSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { stringify } from "yaml";
import { nowSeconds } from "../clock.ts";
import { SpecKittyError } from "../errors.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { StatusMission } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";

const CYCLE_FILE = /^review-cycle-(\d+)\.md$/;

export interface ReviewCyclePlan {
  number: number;
  /** Absolute path of the file to write. */
  path: string;
  /** `review-cycle://<slug>/<WP-file-stem>/review-cycle-N.md`, stored in the event's review_ref. */
  ref: string;
  content: string;
}

function stemOf(wp: WpFile): string {
  return basename(wp.path).replace(/\.md$/, "");
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Where a rejection's feedback goes: `tasks/<WP-file-stem>/review-cycle-N.md`, one file per cycle.
 * If the reviewer already wrote the feedback at the next cycle path (as review prompts suggest), that
 * file IS the cycle record: it gets its frontmatter in place, never a second copy (the original made
 * two files per rejection). Otherwise the feedback is copied to N = highest existing + 1.
 * Nothing is written here; the caller writes `content` to `path` once every check has passed.
 */
export function planReviewCycle(
  mission: StatusMission,
  wp: WpFile,
  feedbackFile: string,
  reviewer: string,
): ReviewCyclePlan {
  if (!existsSync(feedbackFile)) {
    throw new SpecKittyError("FEEDBACK_NOT_FOUND", `review feedback file ${feedbackFile} does not exist`, {
      fix: "write the review feedback to a file and pass its path to --review-feedback-file",
    });
  }
  const feedback = readTextFile(feedbackFile, feedbackFile);
  const body = feedback.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "").trim();
  if (body === "") {
    throw new SpecKittyError("FEEDBACK_EMPTY", `review feedback file ${feedbackFile} is empty`, {
      fix: "explain what must change; a rejection without feedback cannot be acted on",
    });
  }
  const stem = stemOf(wp);
  const dirRel = relative(mission.root, join(dirname(wp.path), stem));
  const dir = resolveInside(mission.root, dirRel);
  const numbers = existsSync(dir)
    ? readdirSync(dir)
        .map((name) => CYCLE_FILE.exec(name)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
    : [];
  const own = CYCLE_FILE.exec(basename(feedbackFile));
  const inPlace = own !== null && samePath(dirname(feedbackFile), dir);
  const number = inPlace ? Number(own?.[1]) : Math.max(0, ...numbers) + 1;
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
    ref: `review-cycle://${mission.slug}/${stem}/${name}`,
    // Quoted strings: a bare `2026-…Z` would be read back as a timestamp by YAML 1.1 readers.
    content: `---\n${stringify(meta, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" })}---\n\n${body}\n`,
  };
}
