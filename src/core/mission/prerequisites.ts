/**
 * `check-prerequisites`: which planning files a mission has, as absolute paths, and whether the ones a
 * step needs are there. Read-only.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MissionRef } from "./resolve.ts";

const DOC_FILES = ["spec.md", "plan.md", "tasks.md", "research.md", "data-model.md", "quickstart.md"];
const DOC_DIRS = ["checklists", "research", "tasks", "contracts"];

export interface PrerequisiteReport {
  valid: boolean;
  errors: string[];
  warnings: string[];
  paths: Record<string, string>;
  artifactFiles: Record<string, string>;
  artifactDirs: Record<string, string>;
  availableDocs: string[];
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

export function checkPrerequisites(
  mission: MissionRef,
  options: { includeTasks?: boolean } = {},
): PrerequisiteReport {
  const dir = mission.dir;
  const errors: string[] = [];
  const warnings: string[] = [];
  const spec = join(dir, "spec.md");
  const plan = join(dir, "plan.md");
  const tasks = join(dir, "tasks.md");
  if (!isFile(spec)) errors.push(`spec.md is missing in ${dir}`);
  if (options.includeTasks && !isFile(tasks)) errors.push(`tasks.md is missing in ${dir}`);
  for (const sub of ["checklists", "research", "tasks"]) {
    if (!isDir(join(dir, sub))) warnings.push(`${sub}/ directory is missing in ${dir}`);
  }
  const paths: Record<string, string> = { spec_file: spec };
  if (isFile(plan)) paths.plan_file = plan;
  paths.checklists_dir = join(dir, "checklists");
  paths.research_dir = join(dir, "research");
  paths.tasks_dir = join(dir, "tasks");
  if (isFile(tasks)) paths.tasks_file = tasks;
  paths.feature_dir = dir;

  const artifactFiles: Record<string, string> = {};
  for (const name of DOC_FILES) if (isFile(join(dir, name))) artifactFiles[name] = join(dir, name);
  const artifactDirs: Record<string, string> = {};
  for (const name of DOC_DIRS) if (isDir(join(dir, name))) artifactDirs[name] = join(dir, name);
  const availableDocs = [
    ...Object.keys(artifactFiles),
    ...Object.keys(artifactDirs).map((d) => `${d}/`),
  ].sort();
  return { valid: errors.length === 0, errors, warnings, paths, artifactFiles, artifactDirs, availableDocs };
}
