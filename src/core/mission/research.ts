/**
 * `spec-kitty research`: a mission's research files — `research.md`, `data-model.md` and the two
 * evidence CSVs under `research/` (columns as upstream's, so its dashboard reads them). Files that
 * exist are kept unless --force, which keeps their previous text under .kittify/backups/.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import dataModel from "../../templates/research/data-model.md" with { type: "text" };
import evidenceLog from "../../templates/research/evidence-log.csv" with { type: "text" };
import research from "../../templates/research/research.md" with { type: "text" };
import sourceRegister from "../../templates/research/source-register.csv" with { type: "text" };
import { applyChanges, backupDirFor, type FileChange } from "../fs/changeset.ts";
import type { MissionRef } from "./resolve.ts";

export const RESEARCH_FILES: ReadonlyArray<readonly [path: string, template: string]> = [
  ["research.md", research],
  ["data-model.md", dataModel],
  ["research/evidence-log.csv", evidenceLog],
  ["research/source-register.csv", sourceRegister],
];

export interface ResearchResult {
  /** Project-relative paths, in RESEARCH_FILES order. */
  created: string[];
  kept: string[];
  replaced: string[];
  backups: string[];
}

export function scaffoldResearch(
  mission: MissionRef,
  options: { force: boolean; now?: Date },
): ResearchResult {
  const title =
    typeof mission.meta.friendly_name === "string" && mission.meta.friendly_name
      ? mission.meta.friendly_name
      : mission.slug;
  const result: ResearchResult = { created: [], kept: [], replaced: [], backups: [] };
  const changes: FileChange[] = [];
  for (const [file, template] of RESEARCH_FILES) {
    const path = relative(mission.root, join(mission.dir, file));
    const exists = existsSync(join(mission.dir, file));
    if (exists && !options.force) {
      result.kept.push(path);
      continue;
    }
    (exists ? result.replaced : result.created).push(path);
    const content = template.replaceAll("{{title}}", title).replaceAll("{{mission_slug}}", mission.slug);
    changes.push({ path, content, backup: exists });
  }
  if (changes.length) {
    result.backups = applyChanges(mission.root, changes, {
      backupDir: backupDirFor(options.now ?? new Date()),
    }).backups;
  }
  return result;
}
