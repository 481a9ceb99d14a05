/**
 * `doctor --fix` for status files a pull or rebase left conflicted (merged as text, because this clone
 * had no driver yet or spec-kitty was not on PATH): the log becomes the union of every side's events
 * (from git's index stages, so the conflict markers in the working file never matter), status.json is
 * rebuilt from that log, and both are staged. The merge or rebase is then the user's to continue.
 */
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { runGit } from "../git/run.ts";
import { missionRefAt } from "../mission/resolve.ts";
import { materialize } from "../status/materialize.ts";
import { unionEventLogs } from "../status/merge-driver.ts";
import { conflictedStatusFiles } from "./drivers.ts";
import type { DoctorContext } from "./types.ts";

/** The text of index stage `n` (1 base, 2 ours, 3 theirs) of `path`; empty when that side has none. */
function stage(ctx: DoctorContext, n: 1 | 2 | 3, path: string): string {
  const out = runGit(ctx.root, ["show", `:${n}:${path}`], { env: ctx.env });
  return out.code === 0 ? out.stdout : "";
}

/** Resolves every conflicted status file of the main checkout; returns the paths it staged. */
export async function resolveStatusConflicts(ctx: DoctorContext): Promise<string[]> {
  const conflicted = conflictedStatusFiles(ctx);
  const staged: string[] = [];
  const missionDirs = new Set<string>();
  for (const path of conflicted) {
    missionDirs.add(dirname(path));
    if (!path.endsWith("status.events.jsonl")) continue;
    const text = unionEventLogs([
      { file: `${path} (ours)`, text: stage(ctx, 2, path) },
      { file: `${path} (theirs)`, text: stage(ctx, 3, path) },
      { file: `${path} (base)`, text: stage(ctx, 1, path) },
    ]);
    writeFileAtomic(resolveInside(ctx.root, path), text);
    runGit(ctx.root, ["add", "--", path], { env: ctx.env });
    staged.push(path);
  }
  for (const dir of missionDirs) {
    const mission = missionRefAt(ctx.root, join(ctx.root, dir));
    const snapshot = `${dir}/status.json`;
    await materialize(mission);
    if (
      conflicted.includes(snapshot) ||
      runGit(ctx.root, ["ls-files", "--error-unmatch", "--", snapshot], { env: ctx.env }).code === 0
    ) {
      runGit(ctx.root, ["add", "--", snapshot], { env: ctx.env });
      staged.push(snapshot);
    }
  }
  return staged;
}
