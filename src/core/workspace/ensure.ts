/**
 * Getting a WP's workspace ready: the ONE lane lookup (src/core/lanes/lookup.ts) says where the WP is
 * worked on; this creates or reuses that place. The planning lane is the main checkout (never a
 * worktree, never a branch); a code lane is `.worktrees/<slug>-<lane>` on `kitty/mission-<slug>-<lane>`.
 */
import { existsSync, realpathSync } from "node:fs";
import { relative } from "node:path";
import type { WorktreeSetup } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import { containedPath } from "../fs/safe-path.ts";
import { dirtyPaths, isGitRepo, refExists, requireBranch } from "../git/facts.ts";
import { ensureLocalSetup } from "../git/local-setup.ts";
import { type GitOptions, runGit } from "../git/run.ts";
import type { LanesManifest } from "../lanes/file.ts";
import { laneForWp, requireLanes, type WpLane } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { repoLockPath } from "../project.ts";
import { catchUpWorktree, planLaneStart } from "./remote-lane.ts";
import { applyWorktreeSetup, type SetupReport, setupPaths, worktreeSetupConfig } from "./setup.ts";

export interface Workspace extends WpLane {
  /** The branch or commit a new lane worktree starts from (mission branch, else target branch). */
  baseRef: string;
  created: boolean;
  /** What worktree setup did; null when nothing was created. */
  setup: SetupReport | null;
  /** Uncommitted paths found (only when `allowDirty` let them through). */
  dirty: string[];
  /** What creating the worktree changed, so a command failing later can put it all back. */
  undo: WorkspaceUndo | null;
}

/** What `create` did: the worktree, the branch if it was new, the exclude line if it was added. */
export interface WorkspaceUndo {
  path: string;
  branch: string | null;
  excludeFile: string | null;
  excludeBefore: string | null;
}

export interface EnsureOptions extends GitOptions {
  /** Fork point for a NEW lane worktree (implement --base). */
  base?: string;
  /** Resuming one's own WP: uncommitted work in the worktree is expected, not an error. */
  allowDirty?: boolean;
  manifest?: LanesManifest;
}

/** Where a code lane forks from: the mission branch when it exists, otherwise the target branch. */
export function laneBaseRef(root: string, manifest: LanesManifest, options: GitOptions = {}): string {
  return refExists(root, `refs/heads/${manifest.missionBranch}`, options)
    ? manifest.missionBranch
    : manifest.targetBranch;
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

function checkClean(path: string, what: string, ignore: string[], options: EnsureOptions): string[] {
  const dirty = dirtyPaths(path, { ...options, ignore });
  if (dirty.length > 0 && !options.allowDirty) {
    throw new SpecKittyError(
      "WORKTREE_DIRTY",
      `${what} has uncommitted changes: ${dirty.slice(0, 5).join(", ")}`,
      {
        fix: `commit them in ${path} first, or discard them (\`git -C ${path} status\`)`,
        details: { path, dirty },
      },
    );
  }
  return dirty;
}

function reuse(
  mission: MissionRef,
  lane: WpLane,
  baseRef: string,
  target: string,
  setup: WorktreeSetup,
  options: EnsureOptions,
): Workspace {
  const path = lane.workspacePath;
  const top = runGit(path, ["rev-parse", "--show-toplevel"], options);
  if (top.code !== 0 || !sameDir(top.stdout.trim(), path)) {
    throw new SpecKittyError(
      "WORKTREE_INVALID",
      `${relative(mission.root, path)} exists but is not a git worktree`,
      {
        fix: `move it away and re-run; spec-kitty recreates the worktree on ${lane.branch}`,
        details: { path },
      },
    );
  }
  const branch = requireBranch(path, `lane worktree ${relative(mission.root, path)}`, options);
  if (branch !== lane.branch) {
    throw new SpecKittyError(
      "WORKTREE_WRONG_BRANCH",
      `${relative(mission.root, path)} is on ${branch}, not ${lane.branch}`,
      {
        fix: `run \`git -C ${path} switch ${lane.branch}\``,
        details: { path, branch, expected: lane.branch },
      },
    );
  }
  const ignore = setupPaths(setup);
  const dirty = checkClean(path, `lane worktree ${relative(mission.root, path)}`, ignore, options);
  // A teammate may have pushed more of this lane: catch up when that is a fast-forward.
  catchUpWorktree(mission.root, lane, target, options);
  return { ...lane, baseRef, created: false, setup: null, dirty, undo: null };
}

function create(
  mission: MissionRef,
  lane: WpLane,
  baseRef: string,
  target: string,
  setup: WorktreeSetup,
  options: EnsureOptions,
): Workspace {
  const root = mission.root;
  const path = lane.workspacePath;
  // The local lane branch, else the one a teammate pushed, else (only then) a new one off the base.
  const start = planLaneStart(mission, lane, target, options);
  if (start.kind === "fresh" && !refExists(root, baseRef, options)) {
    throw new SpecKittyError(
      "BASE_MISSING",
      `cannot create ${lane.laneId}: base '${baseRef}' does not exist`,
      {
        fix: "commit on the target branch first, or pass --base <ref>",
        details: { base: baseRef },
      },
    );
  }
  // A worktree directory removed by hand leaves a stale registration that blocks `worktree add`.
  runGit(root, ["worktree", "prune"], options);
  const args =
    start.kind === "local"
      ? ["worktree", "add", path, lane.branch]
      : start.kind === "remote"
        ? ["worktree", "add", "--track", "-b", lane.branch, path, start.remoteRef]
        : ["worktree", "add", "-b", lane.branch, path, baseRef];
  const result = runGit(root, args, options);
  if (result.code !== 0) {
    throw new SpecKittyError(
      "WORKTREE_CREATE_FAILED",
      `git ${args.join(" ")} failed: ${result.stderr.trim()}`,
      {
        fix: "check `git worktree list` and `git branch` for a conflicting worktree or branch",
        details: { args, stderr: result.stderr },
      },
    );
  }
  const undo: WorkspaceUndo = {
    path,
    // A branch this call made (fresh, or tracking a teammate's push) goes with the worktree.
    branch: start.kind === "local" ? null : lane.branch,
    excludeFile: null,
    excludeBefore: null,
  };
  // A local branch behind its remote copy catches up now, in its own new (clean) worktree: git
  // refused above if another worktree has it checked out, so no one's checkout moves under them.
  if (start.kind === "local" && start.sync.state === "behind") {
    try {
      catchUpWorktree(root, lane, target, options);
    } catch (error) {
      undoWorkspace(root, undo, options);
      throw error;
    }
  }
  // Lane worktrees live inside the main checkout: keep them out of its untracked files (`.worktrees`
  // is one of the local-only dirs); and a clone that makes its first lane gets its merge drivers now,
  // before its first pull of a teammate's log.
  const excluded = ensureLocalSetup(root, options).exclude;
  if (excluded) Object.assign(undo, { excludeFile: excluded.file, excludeBefore: excluded.before });
  const report = applyWorktreeSetup(root, path, setup, options);
  return { ...lane, baseRef, created: true, setup: report, dirty: [], undo };
}

/**
 * Puts back what `create` did (worktree, new branch, exclude line) when the command that asked for the
 * workspace fails after it was made: a failed `implement` leaves no worktree, branch or exclude entry.
 */
export function undoWorkspace(root: string, undo: WorkspaceUndo, options: GitOptions = {}): void {
  runGit(root, ["worktree", "remove", "--force", undo.path], options);
  runGit(root, ["worktree", "prune"], options);
  if (undo.branch) runGit(root, ["branch", "-D", undo.branch], options);
  if (undo.excludeFile !== null && undo.excludeBefore !== null)
    writeFileAtomic(undo.excludeFile, undo.excludeBefore);
}

/**
 * Creates or reuses the workspace of `wpId`. Throws (typed) for every state it will not work in.
 * Lane worktrees are created under a repository-wide lock: two agents starting WPs of the same lane
 * at once must not both run `git worktree add` (or prune the other's half-made worktree).
 */
export async function ensureWorkspace(
  mission: MissionRef,
  wpId: string,
  options: EnsureOptions = {},
): Promise<Workspace> {
  const manifest = options.manifest ?? requireLanes(mission);
  const lane = laneForWp(mission, wpId, manifest);
  // Read (and validated) before anything is created: a broken config must leave nothing behind.
  const setup = worktreeSetupConfig(mission.root);
  if (!isGitRepo(mission.root, options)) {
    if (lane.isMainCheckout)
      return { ...lane, baseRef: lane.branch, created: false, setup: null, dirty: [], undo: null };
    throw new SpecKittyError("NOT_A_GIT_REPO", `${mission.root} is not a git repository`, {
      fix: "lane worktrees need git: run `git init` and commit the project first",
    });
  }
  if (lane.isMainCheckout) {
    requireBranch(mission.root, "the main checkout", options);
    return { ...lane, baseRef: lane.branch, created: false, setup: null, dirty: [], undo: null };
  }
  // The worktree path is derived from lanes.json: it must stay inside the project (`.worktrees/`).
  containedPath(mission.root, lane.workspacePath);
  return withLock(repoLockPath(mission.root, "worktrees"), () => {
    const baseRef = options.base ?? laneBaseRef(mission.root, manifest, options);
    const target = manifest.targetBranch;
    return existsSync(lane.workspacePath)
      ? reuse(mission, lane, baseRef, target, setup, options)
      : create(mission, lane, baseRef, target, setup, options);
  });
}
