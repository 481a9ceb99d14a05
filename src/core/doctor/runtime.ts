/**
 * `.kittify/runtime/` holds machine-local state (locks, journals, caches) that must never be committed:
 * a tracked copy is shared by every clone and breaks theirs. The safe fix takes it out of the index
 * only; the files stay on disk and nothing is committed.
 */
import { runGit } from "../git/run.ts";
import type { DoctorContext, Finding } from "./types.ts";

export const RUNTIME_DIR = ".kittify/runtime";

export function trackedRuntimeFiles(ctx: DoctorContext): string[] {
  const result = runGit(ctx.root, ["ls-files", "--", RUNTIME_DIR], { env: ctx.env });
  return result.code === 0 ? result.stdout.split("\n").filter(Boolean) : [];
}

export function checkRuntimeTracked(ctx: DoctorContext): Finding[] {
  if (!ctx.isGit) return [];
  const tracked = trackedRuntimeFiles(ctx);
  if (tracked.length === 0) return [];
  return [
    {
      check: "runtime_tracked",
      severity: "error",
      message: `${tracked.length} file(s) under ${RUNTIME_DIR}/ are tracked by git (machine-local state; e.g. ${tracked[0]})`,
      subject: RUNTIME_DIR,
      fix: `git rm -r --cached --quiet ${RUNTIME_DIR} && echo '${RUNTIME_DIR}/' >> .gitignore`,
      autoFix: "untrack_runtime",
    },
  ];
}
