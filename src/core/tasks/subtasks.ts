import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Unchecked `- [ ]` lines in the WP's block of tasks.md: from a `##`–`####` heading that mentions the
 * WP id up to the next heading of the same or a higher level. This is what "subtasks complete" means for the for_review guard and
 * for `move-task`'s pre-review check. No tasks.md, or no block for the WP, means nothing is open.
 */
export function uncheckedSubtasks(missionDir: string, wpId: string): string[] {
  const path = join(missionDir, "tasks.md");
  if (!existsSync(path)) return [];
  const heading = new RegExp(`^(#{2,4})(?!#).*\\b${wpId}\\b`);
  const open: string[] = [];
  // Depth of the WP's heading while inside its block; sub-headings (deeper) stay inside it.
  let depth = 0;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const level = /^(#{1,6})(?:\s|$)/.exec(line)?.[1]?.length;
    if (level !== undefined) {
      if (depth && level > depth) continue;
      depth = heading.exec(line)?.[1]?.length ?? 0;
      continue;
    }
    if (depth && /^\s*[-*]\s*\[ \]/.test(line)) open.push(line.trim());
  }
  return open;
}

export interface MarkResult {
  updated: string[];
  notFound: string[];
  /** The new tasks.md text (unchanged when nothing matched). */
  text: string;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Ticks (or unticks) the checkbox of each subtask id in tasks.md text: every `- [ ] T001 …` /
 * `- [x] T001 …` line, wherever it is. Pure; the caller writes the text.
 */
export function markSubtasks(text: string, ids: readonly string[], done: boolean): MarkResult {
  const updated: string[] = [];
  const notFound: string[] = [];
  let out = text;
  for (const id of ids) {
    const re = new RegExp(`^(\\s*[-*]\\s*)\\[[ xX]\\](\\s*${escapeRegex(id)}\\b)`, "gm");
    if (!re.test(out)) {
      notFound.push(id);
      continue;
    }
    out = out.replace(re, `$1[${done ? "x" : " "}]$2`);
    updated.push(id);
  }
  return { updated, notFound, text: out };
}
