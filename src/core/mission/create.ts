/**
 * `agent mission create`: a new `kitty-specs/NNN-<slug>/` with a fresh, immutable ULID identity.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { MissionMeta } from "../../schema/meta.ts";
import specTemplate from "../../templates/mission/spec-template.md" with { type: "text" };
import tasksReadme from "../../templates/mission/tasks-readme.md" with { type: "text" };
import { nowIso } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { headCommit, headFacts } from "../git/facts.ts";
import { repoLockPath } from "../project.ts";
import { ulid } from "../ulid.ts";
import { serializeMissionMeta } from "./meta-file.ts";
import { nextMissionNumber } from "./number.ts";
import { fillKnownPlaceholders } from "./placeholders.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface CreateMissionInput {
  root: string;
  cwd: string;
  slug: string;
  missionType?: string;
  targetBranch?: string;
  env?: Record<string, string | undefined>;
}

export interface CreatedMission {
  dir: string;
  slug: string;
  number: string;
  meta: MissionMeta;
  specFile: string;
  metaFile: string;
  createdFiles: string[];
  currentBranch: string;
  targetBranch: string;
  commit: CommitOutcome | null;
  warnings: string[];
}

export function validateSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug)) {
    throw new SpecKittyError("INVALID_SLUG", `invalid mission slug '${slug}'`, {
      fix: "use lower-case letters, digits and single hyphens, e.g. `user-auth`",
      details: { slug, pattern: SLUG_PATTERN.source },
    });
  }
}

/** The project's own spec template wins over the embedded one. */
function specText(root: string): string {
  const custom = join(root, ".kittify", "templates", "spec-template.md");
  return existsSync(custom) ? readTextFile(custom, ".kittify/templates/spec-template.md") : specTemplate;
}

/**
 * A mission's work is kept on git branches (lanes fork from the target branch's last commit), so a
 * mission starts only in a repository with a first commit: failing here, before any planning, beats
 * failing at the first `implement` after the spec, plan and tasks are written.
 */
function requireGitHistory(root: string, commonDir: string | null, env?: Record<string, string | undefined>) {
  const first = 'git add -A && git commit -m "Initial commit"';
  if (commonDir === null) {
    throw new SpecKittyError("NOT_A_GIT_REPO", `${root} is not a git repository (or git is not installed)`, {
      fix: `spec-kitty keeps each work package on a git branch: run \`git init && ${first}\` in ${root}, then create the mission again`,
      details: { path: root },
    });
  }
  if (headCommit(root, { env }) === null) {
    throw new SpecKittyError("NO_COMMIT_YET", `the git repository at ${root} has no commit yet`, {
      fix: `lanes fork from the target branch's last commit: run \`${first}\` first, then create the mission again`,
      details: { path: root },
    });
  }
}

export async function createMission(input: CreateMissionInput): Promise<CreatedMission> {
  const { root, slug } = input;
  validateSlug(slug);
  // Every input is read before anything is written: an invalid config must not leave a half mission.
  const autoCommit = autoCommitEnabled(root);
  const rel = relative(root, input.cwd);
  if (rel === ".worktrees" || rel.startsWith(`.worktrees${sep}`)) {
    throw new SpecKittyError(
      "INSIDE_WORKTREE",
      "missions are created from the main checkout, not a lane worktree",
      {
        fix: `cd ${root} and run the command there`,
      },
    );
  }
  // One git call for the branch and the lock's common dir (was two spawns: ~6–10 ms saved).
  const head = headFacts(root, { env: input.env });
  requireGitHistory(root, head.commonDir, input.env);
  const current = head.branch ?? "main";
  const target = input.targetBranch?.trim() || current;
  mkdirSync(resolveInside(root, "kitty-specs"), { recursive: true });

  // The number is picked and its directory created under one repository-wide lock, so a concurrent
  // create (in this checkout or any worktree) sees the directory and picks the next number.
  const { number, dir } = await withLock(repoLockPath(root, "mission-number", head.commonDir), () => {
    const n = nextMissionNumber(root);
    const d = resolveInside(root, join("kitty-specs", `${n}-${slug}`));
    mkdirSync(d);
    return { number: n, dir: d };
  });

  const numbered = `${number}-${slug}`;
  const meta: MissionMeta = {
    created_at: nowIso(),
    friendly_name: slug.replace(/-/g, " "),
    mission_id: ulid(),
    mission_number: number,
    mission_slug: numbered,
    mission_type: input.missionType?.trim() || "software-dev",
    slug: numbered,
    target_branch: target,
  };
  const specFile = join(dir, "spec.md");
  const metaFile = join(dir, "meta.json");
  const readme = join(dir, "tasks", "README.md");
  try {
    for (const sub of ["tasks", "checklists", "research"]) mkdirSync(join(dir, sub));
    writeFileAtomic(specFile, fillKnownPlaceholders(specText(root), numbered, meta.created_at ?? nowIso()));
    writeFileAtomic(readme, tasksReadme.replaceAll("{{TARGET_BRANCH}}", target));
    writeFileAtomic(join(dir, "tasks", ".gitkeep"), "");
    writeFileAtomic(join(dir, "status.events.jsonl"), "");
    // meta.json last: a mission directory with a meta.json is a complete one.
    writeFileAtomic(metaFile, serializeMissionMeta(meta));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const warnings: string[] = [];
  let commit: CommitOutcome | null = null;
  if (autoCommit) {
    const own = [
      specFile,
      metaFile,
      readme,
      join(dir, "tasks", ".gitkeep"),
      join(dir, "status.events.jsonl"),
    ];
    const paths = own.map((p) => relative(root, p));
    commit = commitOwnFiles(root, paths, `Add mission ${numbered}`, input.env);
    if (commit.warning) warnings.push(commit.warning);
  }
  return {
    dir,
    slug: numbered,
    number,
    meta,
    specFile,
    metaFile,
    createdFiles: [specFile, metaFile, readme],
    currentBranch: current,
    targetBranch: target,
    commit,
    warnings,
  };
}
