/**
 * Reading a mission's task inputs (tasks.md and every `tasks/WPnn-*.md`) and collecting EVERY problem
 * instead of stopping at the first, so one finalize run reports all that needs fixing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isSpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type ParsedTasks, parseTasksMd } from "./parse.ts";
import type { WpFile } from "./wp-file.ts";
import { scanWpFiles } from "./wp-list.ts";

export interface Problem {
  code: string;
  message: string;
}

export interface MissionTasks {
  tasks: ParsedTasks | null;
  /** WP files sorted by id. */
  files: WpFile[];
  problems: Problem[];
  warnings: string[];
}

function asProblem(error: unknown): Problem {
  if (isSpecKittyError(error)) return { code: error.code, message: error.message };
  throw error;
}

export function loadMissionTasks(mission: MissionRef): MissionTasks {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const rel = `kitty-specs/${mission.slug}`;
  let tasks: ParsedTasks | null = null;
  const tasksMd = join(mission.dir, "tasks.md");
  if (existsSync(tasksMd)) {
    try {
      tasks = parseTasksMd(readTextFile(tasksMd, `${rel}/tasks.md`));
      for (const dup of tasks.duplicates) {
        problems.push({
          code: "DUPLICATE_WP",
          message: `${rel}/tasks.md declares ${dup.id} more than once (lines ${dup.lines.join(", ")})`,
        });
      }
    } catch (error) {
      problems.push(asProblem(error));
    }
  }
  const scan = scanWpFiles(mission);
  problems.push(...scan.problems.map((p) => ({ code: p.code, message: p.message })));
  const files = scan.wps;
  for (const wp of files) warnings.push(...wp.warnings.map((w) => w.message));
  return { tasks, files, problems, warnings };
}
