/**
 * `agent mission create`: a new `kitty-specs/NNN-<slug>/` with a fresh, immutable ULID identity.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { MissionMeta } from "../../schema/meta.ts";
import tasksReadme from "../../templates/mission/tasks-readme.md" with { type: "text" };
import { nowIso } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import { ownerState } from "../fs/owner.ts";
import { containedPath } from "../fs/safe-path.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { attributeRoutes, writeAttributesFile } from "../git/drivers.ts";
import { headCommit, headFacts } from "../git/facts.ts";
import { ensureLocalSetup } from "../git/local-setup.ts";
import { checkBranchName } from "../git/refname.ts";
import { repoLockPath } from "../project.ts";
import { ulid } from "../ulid.ts";
import { checkProjectContained } from "./contained.ts";
import { serializeMissionMeta } from "./meta-file.ts";
import { nextMissionNumber, remoteMissionNames } from "./number.ts";
import { fillKnownPlaceholders, templateText } from "./placeholders.ts";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/**
 * Longest slug: every name made from it must fit the 255-byte file name limit, the longest being the
 * prompt file `spec-kitty-implement-NNNN-<slug>-WPnnn.md` and the branch `kitty/mission-NNNN-<slug>-lane-planning`.
 */
export const MAX_SLUG_LENGTH = 200;

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
  if (slug.length > MAX_SLUG_LENGTH) {
    throw new SpecKittyError(
      "INVALID_SLUG",
      `mission slug is ${slug.length} characters long; at most ${MAX_SLUG_LENGTH} are allowed`,
      {
        fix: "use a shorter slug (a few words: the friendly name can be edited in meta.json later)",
        details: { length: slug.length, max: MAX_SLUG_LENGTH },
      },
    );
  }
  if (!SLUG_PATTERN.test(slug)) {
    throw new SpecKittyError("INVALID_SLUG", `invalid mission slug '${slug}'`, {
      fix: "use lower-case letters, digits and single hyphens, e.g. `user-auth`",
      details: { slug, pattern: SLUG_PATTERN.source },
    });
  }
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
  const given = input.targetBranch?.trim();
  if (given) checkBranchName(given, "--target-branch", 2);
  checkProjectContained(root);
  const spec = templateText(root, "spec.md");
  // One git call for the branch and the lock's common dir (was two spawns: ~6–10 ms saved).
  const head = headFacts(root, { env: input.env });
  requireGitHistory(root, head.commonDir, input.env);
  const current = head.branch ?? "main";
  const target = given || current;
  const specs = containedPath(root, "kitty-specs");
  const madeSpecs = !existsSync(specs);
  mkdirSync(specs, { recursive: true });
  // Numbers teammates took already (as far as the last fetch of the target knows): not taken again.
  const taken = remoteMissionNames(root, target, { env: input.env });

  // The number is picked and the mission made under one repository-wide lock, so a concurrent create
  // (in this checkout or any worktree) sees it and picks the next number. The mission is built in a
  // hidden folder and renamed into place: it appears complete (meta.json and all) or not at all, and
  // listings never see a half-made one (they skip dot-folders; a killed create's is swept next time).
  let made: BuiltMission;
  try {
    made = await withLock(repoLockPath(root, "mission-number", head.commonDir), () =>
      buildMission(specs, slug, nextMissionNumber(root, taken), spec, target, input.missionType),
    );
  } catch (error) {
    if (madeSpecs) {
      try {
        rmdirSync(specs); // ours, and empty unless another create filled it meanwhile
      } catch {
        // not empty: another mission is in it now
      }
    }
    throw error;
  }
  const { number, dir, meta } = made;
  const numbered = `${number}-${slug}`;
  const specFile = join(dir, "spec.md");
  const metaFile = join(dir, "meta.json");

  const warnings: string[] = [];
  // The merge rules for the status files travel with the first mission (a file of their own: an
  // existing attributes file is never edited); this clone's driver commands are set up now.
  const attributes = writeAttributesFile(root);
  const created = [...made.files, ...(attributes ? [join(root, attributes)] : [])];
  const routes = attributeRoutes(root);
  if (routes.missingRules.length > 0)
    warnings.push(
      `kitty-specs/.gitattributes exists without spec-kitty's merge rules; add these lines to it: ${routes.missingRules.join(" | ")}`,
    );
  ensureLocalSetup(root, { env: input.env });
  let commit: CommitOutcome | null = null;
  if (autoCommit) {
    commit = commitOwnFiles(
      root,
      created.map((p) => relative(root, p)),
      `Add mission ${numbered}`,
      input.env,
    );
    if (commit.warning) warnings.push(commit.warning);
  }
  return {
    dir,
    slug: numbered,
    number,
    meta,
    specFile,
    metaFile,
    createdFiles: created,
    currentBranch: current,
    targetBranch: target,
    commit,
    warnings,
  };
}

const BUILDING = /^\..+\.creating-(\d+)$/;

/** Hidden build folders of creates that were killed (their process is gone). */
function sweepBuilds(specs: string): void {
  for (const name of readdirSync(specs)) {
    const pid = BUILDING.exec(name)?.[1];
    if (pid !== undefined && ownerState({ pid: Number(pid) }) === "dead")
      rmSync(join(specs, name), { recursive: true, force: true });
  }
}

interface BuiltMission {
  number: string;
  dir: string;
  meta: MissionMeta;
  /** Every file written (absolute, in their final place). */
  files: string[];
}

/** Writes mission NNN-<slug> in a hidden folder next to where it goes, then renames it into place. */
function buildMission(
  specs: string,
  slug: string,
  number: string,
  spec: string,
  target: string,
  missionType: string | undefined,
): BuiltMission {
  sweepBuilds(specs);
  const numbered = `${number}-${slug}`;
  const dir = join(specs, numbered);
  const build = join(specs, `.${numbered}.creating-${process.pid}`);
  const meta: MissionMeta = {
    created_at: nowIso(),
    friendly_name: slug.replace(/-/g, " "),
    mission_id: ulid(),
    mission_number: number,
    mission_slug: numbered,
    mission_type: missionType?.trim() || "software-dev",
    slug: numbered,
    target_branch: target,
  };
  // Every file of a new mission (meta.json last); empty folders do not survive a clone, so each
  // gets a .gitkeep, committed with the mission.
  const files: [string, string][] = [
    ["spec.md", fillKnownPlaceholders(spec, numbered, meta.created_at ?? nowIso())],
    [join("tasks", "README.md"), tasksReadme.replaceAll("{{TARGET_BRANCH}}", target)],
    [join("tasks", ".gitkeep"), ""],
    [join("checklists", ".gitkeep"), ""],
    [join("research", ".gitkeep"), ""],
    ["status.events.jsonl", ""],
    ["meta.json", serializeMissionMeta(meta)],
  ];
  try {
    mkdirSync(build);
    for (const sub of ["tasks", "checklists", "research"]) mkdirSync(join(build, sub));
    for (const [name, text] of files) writeFileAtomic(join(build, name), text);
    maybeDieBeforeRename();
    renameSync(build, dir);
  } catch (error) {
    rmSync(build, { recursive: true, force: true });
    throw error;
  }
  return { number, dir, meta, files: files.map(([name]) => join(dir, name)) };
}

/** Test hook: `SPEC_KITTY_FAULT=create-before-rename` kills the process with the mission built but hidden. */
function maybeDieBeforeRename(): void {
  if (process.env.SPEC_KITTY_FAULT === "create-before-rename") process.kill(process.pid, "SIGKILL");
}
