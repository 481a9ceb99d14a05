import { existsSync } from "node:fs";
import { join } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { withStatusLock } from "../project.ts";
import { type MarkResult, markSubtasks } from "./subtasks.ts";

const SUBTASK_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** `agent tasks mark-status`: ticks subtask checkboxes in tasks.md, under the status lock. */
export function markStatus(
  mission: Pick<MissionRef, "root" | "dir" | "slug">,
  ids: readonly string[],
  done: boolean,
): Promise<Omit<MarkResult, "text">> {
  for (const id of ids) {
    if (!SUBTASK_ID.test(id)) {
      throw new SpecKittyError("INVALID_SUBTASK_ID", `'${id}' is not a subtask id`, {
        fix: "use ids like T001",
      });
    }
  }
  const path = containedPath(mission.root, join(mission.dir, "tasks.md"));
  return withStatusLock(mission.root, () => {
    if (!existsSync(path)) {
      throw new SpecKittyError("TASKS_MD_MISSING", `kitty-specs/${mission.slug}/tasks.md does not exist`, {
        fix: "generate tasks.md with /spec-kitty.tasks first",
      });
    }
    const original = readTextFile(path, `kitty-specs/${mission.slug}/tasks.md`);
    const { text, updated, notFound } = markSubtasks(original, ids, done);
    if (text !== original) writeFileAtomic(path, text);
    return { updated, notFound };
  });
}
