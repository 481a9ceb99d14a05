import { existsSync } from "node:fs";
import { join } from "node:path";
import { readTextFile } from "../fs/text.ts";
import { parseTasksMd, wpSectionLines } from "./parse.ts";

/**
 * Unchecked `- [ ]` lines in the WP's section of tasks.md (the parser's section, `wpSectionLines`): what
 * "subtasks complete" means for the for_review guard and `move-task`'s pre-review check. No tasks.md,
 * or no section for the WP, means nothing is open.
 */
export function uncheckedSubtasks(missionDir: string, wpId: string, name = "tasks.md"): string[] {
  const path = join(missionDir, "tasks.md");
  if (!existsSync(path)) return [];
  const lines = wpSectionLines(readTextFile(path, name), wpId) ?? [];
  return lines.filter((line) => /^\s*[-*]\s*\[ \]/.test(line)).map((line) => line.trim());
}

const CHECKBOX = /^\s*[-*]\s*\[([ xX])\]/;

export interface SubtaskCount {
  done: number;
  total: number;
}

/**
 * Checked and total `- [ ]`/`- [x]` lines of every WP's section of tasks.md text (the same sections
 * as `uncheckedSubtasks`), parsed once for the whole file: what a board shows as subtask progress.
 */
export function subtaskCounts(text: string): Map<string, SubtaskCount> {
  const lines = text.split(/\r?\n/);
  const out = new Map<string, SubtaskCount>();
  for (const wp of parseTasksMd(text).wps) {
    if (out.has(wp.id)) continue; // a duplicated header: the first section counts, as everywhere
    const count = { done: 0, total: 0 };
    for (let i = wp.section.start; i < wp.section.end; i++) {
      const box = CHECKBOX.exec(lines[i] as string)?.[1];
      if (box === undefined) continue;
      count.total++;
      if (box !== " ") count.done++;
    }
    out.set(wp.id, count);
  }
  return out;
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

/**
 * tasks.md text with every ticked subtask of `wpId`'s section unticked: a rejection reopens the WP's
 * work, so the pre-review check asks for the subtasks again. Pure; line endings are kept.
 */
export function reopenSubtasks(text: string, wpId: string): { text: string; reopened: string[] } {
  const wp = parseTasksMd(text).wps.find((w) => w.id === wpId);
  if (!wp) return { text, reopened: [] };
  const lines = text.split("\n");
  const reopened: string[] = [];
  for (let i = wp.section.start; i < wp.section.end && i < lines.length; i++) {
    const line = lines[i] as string;
    const match = /^(\s*[-*]\s*)\[[xX]\](\s*)(\S*)/.exec(line);
    if (!match) continue;
    lines[i] = `${match[1]}[ ]${line.slice((match[1] as string).length + 3)}`;
    reopened.push(match[3] || line.trim());
  }
  return { text: lines.join("\n"), reopened };
}
