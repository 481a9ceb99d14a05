/**
 * Merge drivers, where the team works. Three things must be true in every clone for the status files
 * to merge without conflicts (see core/git/drivers.ts): a committed rule routes them to the drivers
 * (`kitty-specs/.gitattributes`, or 3.x's root `.gitattributes` lines), this clone's git config holds
 * the driver commands (config is never cloned), and `spec-kitty` is on PATH when git runs them. Plus:
 * a status file a pull left conflicted (merged without the driver) is found here, and `--fix`
 * resolves it exactly: the union of both sides' events, status.json rebuilt from it.
 */
import {
  ATTRIBUTES_FILE,
  type AttributeRoutes,
  attributeRoutes,
  EVENT_LOG_DRIVER,
  readDriverConfig,
  STATUS_DRIVER,
} from "../git/drivers.ts";
import { runGit } from "../git/run.ts";
import { missionDirsIn, specsDir } from "../mission/resolve.ts";
import type { DoctorContext, Finding } from "./types.ts";

function onPath(program: string, env: Record<string, string | undefined>): boolean {
  return Bun.which(program, { PATH: env.PATH ?? "" }) !== null;
}

const STATUS_FILE = /(^|\/)(status\.events\.jsonl|status\.json)$/;

/** Status files git lists as unmerged in the main checkout (a pull or rebase stopped on them). */
export function conflictedStatusFiles(ctx: DoctorContext): string[] {
  const out = runGit(ctx.root, ["diff", "--name-only", "--diff-filter=U"], { env: ctx.env });
  if (out.code !== 0) return [];
  return out.stdout.split("\n").filter((path) => path.startsWith("kitty-specs/") && STATUS_FILE.test(path));
}

const FIX = "spec-kitty doctor --fix";

function attributeFindings(routes: AttributeRoutes): Finding[] {
  if (routes.fileExists && routes.missingRules.length > 0) {
    return [
      {
        check: "merge_drivers",
        severity: "warning",
        message: `${ATTRIBUTES_FILE} exists but lacks spec-kitty's rules (spec-kitty never edits it): ${routes.missingRules.join("; ")}`,
        subject: ATTRIBUTES_FILE,
        fix: `printf '%s\\n' ${routes.missingRules.map((r) => `'${r}'`).join(" ")} >> ${ATTRIBUTES_FILE}`,
      },
    ];
  }
  if (!routes.fileExists && (routes.events !== EVENT_LOG_DRIVER || routes.snapshot !== STATUS_DRIVER)) {
    return [
      {
        check: "merge_drivers",
        severity: "warning",
        message: `no committed rule routes the status files to spec-kitty's merge drivers (${ATTRIBUTES_FILE} is missing), so clones merge them as text`,
        subject: ATTRIBUTES_FILE,
        fix: `${FIX} (writes ${ATTRIBUTES_FILE}, a new file: commit it)`,
        autoFix: "write_attributes",
      },
    ];
  }
  return [];
}

export function checkMergeDrivers(ctx: DoctorContext): Finding[] {
  if (!ctx.isGit) return [];
  const findings: Finding[] = [];
  const routes = attributeRoutes(ctx.root);
  const used = new Set(routes.mergeKeys);
  let hasMissions = false;
  try {
    hasMissions = missionDirsIn(specsDir(ctx.root)).length > 0;
  } catch {
    hasMissions = false;
  }
  if (hasMissions) {
    findings.push(...attributeFindings(routes));
    used.add(EVENT_LOG_DRIVER);
    used.add(STATUS_DRIVER);
  }
  for (const state of readDriverConfig(ctx.root, { env: ctx.env })) {
    const name = state.driver.key;
    if (!used.has(name)) continue;
    const subject = `merge.${name}.driver`;
    if (state.status === "missing") {
      findings.push({
        check: "merge_drivers",
        severity: "error",
        message: `merges route files to ${name}, but this clone's git config defines no merge.${name}.driver (git falls back to a text merge: every concurrent pull conflicts)`,
        subject,
        fix: FIX,
        autoFix: "configure_merge_drivers",
      });
    } else if (state.status === "outdated") {
      findings.push({
        check: "merge_drivers",
        severity: "warning",
        message: `merge.${name}.driver is '${state.configured}': without a fallback, a clone whose PATH lacks spec-kitty keeps only its own side`,
        subject,
        fix: FIX,
        autoFix: "configure_merge_drivers",
      });
    } else if (state.status === "custom") {
      findings.push({
        check: "merge_drivers",
        severity: "warning",
        message: `merge.${name}.driver runs '${state.configured}', not spec-kitty's driver (left as it is)`,
        subject,
      });
    } else if (!onPath("spec-kitty", ctx.env)) {
      findings.push({
        check: "merge_drivers",
        severity: "error",
        message: `merge.${name}.driver runs spec-kitty, which is not on PATH: merges of those files fall back (logs line by line, status.json kept, other files with conflict markers)`,
        subject,
        fix: "put the spec-kitty binary on PATH (see the README's Install section)",
      });
    }
  }
  for (const path of conflictedStatusFiles(ctx)) {
    findings.push({
      check: "merge_drivers",
      severity: "error",
      message: `${path} is conflicted: it was merged without spec-kitty's driver`,
      subject: path,
      fix: `${FIX} (takes every event of both sides and rebuilds status.json; then continue the merge or rebase)`,
      autoFix: "resolve_status_conflicts",
    });
  }
  return findings;
}
