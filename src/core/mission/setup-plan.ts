/**
 * `setup-plan`: puts the plan template at `plan.md` once the spec exists. The project's own template
 * (`.kittify/templates/plan-template.md`) wins over the embedded one.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { nowIso } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { fillKnownPlaceholders, templateText } from "./placeholders.ts";
import type { MissionRef } from "./resolve.ts";

export interface PlanSetup {
  planFile: string;
  specFile: string;
  /** False when plan.md already existed and was left alone. */
  created: boolean;
  commit: CommitOutcome | null;
}

export async function setupPlan(
  mission: MissionRef,
  options: { env?: Record<string, string | undefined>; force?: boolean } = {},
): Promise<PlanSetup> {
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  const specFile = containedPath(mission.root, join(mission.dir, "spec.md"));
  const planFile = containedPath(mission.root, join(mission.dir, "plan.md"));
  if (!existsSync(specFile)) {
    throw new SpecKittyError("SPEC_FILE_MISSING", `${relative(mission.root, specFile)} does not exist`, {
      fix: `write the spec first (spec-kitty agent mission create made ${mission.slug}/spec.md from a template)`,
    });
  }
  // Unlike spec-kitty 3.1, an existing plan.md is never overwritten: it may hold hours of work.
  if (existsSync(planFile) && !options.force) return { planFile, specFile, created: false, commit: null };
  const template = templateText(mission.root, "plan.md");
  writeFileAtomic(planFile, fillKnownPlaceholders(template, mission.slug, nowIso()));
  const commit = autoCommit
    ? commitOwnFiles(
        mission.root,
        [relative(mission.root, planFile)],
        `Add plan for mission ${mission.slug}`,
        options.env,
      )
    : null;
  return { planFile, specFile, created: true, commit };
}
