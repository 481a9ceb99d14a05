/**
 * Reading a mission's task inputs (tasks.md and every `tasks/WPnn-*.md`) and collecting EVERY problem
 * instead of stopping at the first, so one finalize run reports all that needs fixing.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compareWpIds } from "../../schema/wp-frontmatter.ts";
import { isSpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type ParsedTasks, parseTasksMd } from "./parse.ts";
import { readWpFile, type WpFile, wpIdFromFilename } from "./wp-file.ts";

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

/** Anything in tasks/ that looks like a WP file (`WP…`/`wp…` and `.md`); README.md and friends are not. */
const LOOKS_LIKE_WP = /^wp.*\.md$/i;

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
  const files: WpFile[] = [];
  const tasksDir = join(mission.dir, "tasks");
  const names = existsSync(tasksDir)
    ? readdirSync(tasksDir, { withFileTypes: true })
        .filter((e) => e.isFile() && LOOKS_LIKE_WP.test(e.name))
        .map((e) => e.name)
        .sort()
    : [];
  const byId = new Map<string, string>();
  for (const file of names) {
    const name = `${rel}/tasks/${file}`;
    try {
      const id = wpIdFromFilename(file, name);
      const other = byId.get(id);
      if (other) {
        problems.push({ code: "DUPLICATE_WP", message: `${id} has two files: ${other} and ${name}` });
        continue;
      }
      byId.set(id, name);
      const wp = readWpFile(join(tasksDir, file), name);
      warnings.push(...wp.warnings);
      files.push(wp);
    } catch (error) {
      problems.push(asProblem(error));
    }
  }
  files.sort((a, b) => compareWpIds(a.id, b.id));
  return { tasks, files, problems, warnings };
}
