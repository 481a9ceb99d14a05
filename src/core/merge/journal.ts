/**
 * The merge journal: the plan and each step's progress, written atomically BEFORE a step starts and
 * again when it ends. A step left `started` by a killed process is re-checked against git and the
 * event log on the next run (every step can tell whether its effect is already there).
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkFile, jsonLocator } from "../../schema/check.ts";
import { type JournalStep, type MergeJournal, mergeJournalSchema } from "../../schema/merge-journal.ts";
import { nowIso } from "../clock.ts";
import { writeJsonAtomic } from "../fs/atomic.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";

export type { JournalLane, JournalStep, MergeJournal } from "../../schema/merge-journal.ts";

export function journalRel(slug: string): string {
  return join(".kittify", "runtime", "merge", slug, "journal.json");
}

/** Absolute journal path; the slug comes from disk, so it is kept inside the project. */
export function journalPath(root: string, slug: string): string {
  return resolveInside(root, journalRel(slug));
}

export function readJournal(root: string, slug: string): MergeJournal | null {
  const path = journalPath(root, slug);
  if (!existsSync(path)) return null;
  const name = journalRel(slug);
  const text = readTextFile(path, name);
  return checkFile(mergeJournalSchema, parseJson(text, name), name, jsonLocator(text));
}

export function writeJournal(root: string, journal: MergeJournal): void {
  const path = journalPath(root, journal.mission_slug);
  mkdirSync(dirname(path), { recursive: true });
  journal.updated_at = nowIso();
  writeJsonAtomic(path, journal);
}

export function findStep(journal: MergeJournal, id: string): JournalStep {
  const step = journal.steps.find((s) => s.id === id);
  if (!step) throw new Error(`merge journal has no step '${id}'`); // a bug: steps come from the plan
  return step;
}

/**
 * Test hooks, the way a power cut or an impatient Ctrl-\ would strike: `SPEC_KITTY_FAULT=
 * merge-after:<step-id>` kills the process right after that step is recorded as done;
 * `merge-inside:<step-id>` kills it after the step's effect but before the journal says so.
 */
function maybeDie(when: "after" | "inside", stepId: string, env: Record<string, string | undefined>): void {
  if (env.SPEC_KITTY_FAULT === `merge-${when}:${stepId}`) process.kill(process.pid, "SIGKILL");
}

/**
 * Runs one journal step: skipped when already done; otherwise recorded as started, then `run` (which
 * must itself detect an effect already present), then recorded as done with its detail.
 */
export async function runStep(
  root: string,
  journal: MergeJournal,
  id: string,
  env: Record<string, string | undefined>,
  run: () => Promise<string | null> | string | null,
): Promise<boolean> {
  const step = findStep(journal, id);
  if (step.status === "done") return false;
  step.status = "started";
  step.started_at = nowIso();
  writeJournal(root, journal);
  const detail = await run();
  maybeDie("inside", id, env);
  step.status = "done";
  step.finished_at = nowIso();
  step.detail = detail;
  writeJournal(root, journal);
  maybeDie("after", id, env);
  return true;
}
