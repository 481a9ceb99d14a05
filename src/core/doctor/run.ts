/**
 * `spec-kitty doctor`: every check, in the order a person would fix things (places leading out of the
 * project first: then nothing else is read or fixed; then project files), and
 * with `--fix` the safe fixes, each of which loses nothing: restore missing or outdated unedited
 * command files, forget worktrees whose folder is gone, remove empty leftover worktree folders, take
 * `.kittify/runtime/` out of the index (files stay on disk; excluded locally). Everything else is
 * reported with the command that fixes it.
 */
import { existsSync, lstatSync, readdirSync, rmdirSync } from "node:fs";
import { syncAgents } from "../agent-config/ops.ts";
import { isSpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { writeAttributesFile } from "../git/drivers.ts";
import { excludeLocally } from "../git/exclude.ts";
import { isGitRepo } from "../git/facts.ts";
import { ensureLocalSetup } from "../git/local-setup.ts";
import { runGit } from "../git/run.ts";
import { runUpgrade } from "../upgrade/run.ts";
import { checkAgentFiles } from "./agents.ts";
import { checkStaleClaims } from "./claims.ts";
import { checkContainment } from "./containment.ts";
import { checkMergeDrivers } from "./drivers.ts";
import { checkMissionNumbers } from "./missions.ts";
import { checkProjectFiles, checkVersionSkew } from "./project.ts";
import { checkRuntimeTracked, RUNTIME_DIR } from "./runtime.ts";
import { resolveStatusConflicts } from "./status-conflicts.ts";
import type { DoctorContext, Finding, SafeFix } from "./types.ts";
import { checkWorktrees } from "./worktrees.ts";

export interface DoctorOptions {
  root: string;
  version: string;
  env: Record<string, string | undefined>;
  fix: boolean;
  staleMinutes: number;
  now?: number;
}

export interface DoctorResult {
  findings: Finding[];
  /** What `--fix` did, one line per fix. */
  fixed: string[];
}

async function pendingMigrations(ctx: DoctorContext): Promise<string[]> {
  try {
    const plan = await runUpgrade({ root: ctx.root, version: ctx.version, dryRun: true });
    return plan.migrations.filter((m) => m.status === "pending").map((m) => m.id);
  } catch (error) {
    if (isSpecKittyError(error)) return []; // too new or broken files: reported by their own checks
    throw error;
  }
}

export async function diagnose(ctx: DoctorContext): Promise<Finding[]> {
  // A place leading out of the project is reported alone: every other check would read through it.
  const escapes = checkContainment(ctx);
  if (escapes.length > 0) return escapes;
  return [
    ...checkProjectFiles(ctx),
    ...checkVersionSkew(ctx, await pendingMigrations(ctx)),
    ...checkAgentFiles(ctx),
    ...checkMergeDrivers(ctx),
    ...checkStaleClaims(ctx),
    ...checkWorktrees(ctx),
    ...checkMissionNumbers(ctx),
    ...checkRuntimeTracked(ctx),
  ];
}

async function applyFix(ctx: DoctorContext, fix: SafeFix, finding: Finding): Promise<string | null> {
  switch (fix) {
    case "sync_agent_files": {
      const result = syncAgents(ctx.root, { version: ctx.version, force: false, dryRun: false });
      const written = result.actions.filter((a) => a.kind === "write").length;
      return written ? `restored or updated ${written} command file(s) (edited files untouched)` : null;
    }
    case "prune_worktrees":
      runGit(ctx.root, ["worktree", "prune"], { env: ctx.env });
      return "forgot worktrees whose folder is gone (git worktree prune)";
    case "remove_empty_worktree_dir": {
      // Contained: the folder removed is the one in the project, never one a link points at.
      const path = containedPath(ctx.root, finding.subject as string);
      if (!existsSync(path) || !lstatSync(path).isDirectory() || readdirSync(path).length > 0) return null;
      rmdirSync(path);
      return `removed the empty folder ${finding.subject}`;
    }
    case "untrack_runtime":
      runGit(ctx.root, ["rm", "-r", "--cached", "--quiet", "--", RUNTIME_DIR], { env: ctx.env });
      excludeLocally(ctx.root, RUNTIME_DIR, { env: ctx.env });
      return `took ${RUNTIME_DIR}/ out of the git index (files kept; excluded in .git/info/exclude; commit the removal when ready)`;
    case "configure_merge_drivers": {
      const setup = ensureLocalSetup(ctx.root, { env: ctx.env });
      return `wrote this clone's merge drivers into its git config${setup.drivers.length ? ` (${setup.drivers.join(", ")})` : ""}`;
    }
    case "write_attributes": {
      const written = writeAttributesFile(ctx.root);
      return written ? `wrote ${written} (a new file: commit it so every clone gets the rules)` : null;
    }
    case "resolve_status_conflicts": {
      const staged = await resolveStatusConflicts(ctx);
      return staged.length
        ? `resolved and staged ${staged.join(", ")} (every event of both sides; continue the merge or rebase)`
        : null;
    }
  }
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const ctx: DoctorContext = {
    root: options.root,
    version: options.version,
    env: options.env,
    staleMinutes: options.staleMinutes,
    now: options.now ?? Date.now(),
    isGit: isGitRepo(options.root, { env: options.env }),
  };
  const findings = await diagnose(ctx);
  if (!options.fix) return { findings, fixed: [] };
  const fixed: string[] = [];
  const done = new Set<SafeFix>();
  for (const finding of findings) {
    const fix = finding.autoFix;
    // One sync or prune covers every finding of its kind; empty folders are removed one by one.
    if (!fix || (fix !== "remove_empty_worktree_dir" && done.has(fix))) continue;
    done.add(fix);
    const line = await applyFix(ctx, fix, finding);
    if (line) fixed.push(line);
  }
  // What is left after the fixes, so the report says what still needs a person.
  return { findings: await diagnose(ctx), fixed };
}
