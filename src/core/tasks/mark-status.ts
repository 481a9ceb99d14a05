import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { withStatusLock } from "../project.ts";
import { type MarkResult, markSubtasks } from "./subtasks.ts";

const SUBTASK_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface MarkStatusResult extends Omit<MarkResult, "text"> {
  /** With `agents.auto_commit` on and tasks.md changed: the commit of exactly tasks.md. */
  commit: CommitOutcome | null;
}

/**
 * `agent tasks mark-status`: ticks subtask checkboxes in tasks.md, under the status lock (which also
 * keeps the auto-commit from racing other status writes on git's index).
 */
export function markStatus(
  mission: Pick<MissionRef, "root" | "dir" | "slug">,
  ids: readonly string[],
  done: boolean,
  env?: Record<string, string | undefined>,
): Promise<MarkStatusResult> {
  for (const id of ids) {
    if (!SUBTASK_ID.test(id)) {
      throw new SpecKittyError("INVALID_SUBTASK_ID", `'${id}' is not a subtask id`, {
        fix: "use ids like T001",
      });
    }
  }
  const path = containedPath(mission.root, join(mission.dir, "tasks.md"));
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  return withStatusLock(mission.root, () => {
    if (!existsSync(path)) {
      throw new SpecKittyError("TASKS_MD_MISSING", `kitty-specs/${mission.slug}/tasks.md does not exist`, {
        fix: "generate tasks.md with /spec-kitty.tasks first",
      });
    }
    const original = readTextFile(path, `kitty-specs/${mission.slug}/tasks.md`);
    const { text, updated, notFound } = markSubtasks(original, ids, done);
    if (text === original) return { updated, notFound, commit: null };
    writeFileAtomic(path, text);
    const number = mission.slug.split("-")[0];
    const what = updated.length === 1 ? updated[0] : `${updated.length} subtasks`;
    const commit = autoCommit
      ? commitOwnFiles(
          mission.root,
          [relative(mission.root, path)],
          `chore: Mark ${what} as ${done ? "done" : "pending"} on spec ${number}`,
          env,
        )
      : null;
    return { updated, notFound, commit };
  });
}
