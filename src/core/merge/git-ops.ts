/**
 * The git moves merge is made of. Merge commits are built in a scratch worktree (detached, inside the
 * git common dir, so nothing appears in the user's checkout) and then a branch is advanced to the
 * result: by a fast-forward in the checkout that has the branch (so its files follow), or by a
 * compare-and-swap `update-ref` when no checkout has it. A process killed half-way leaves the branch
 * where it was, never half-merged.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { checkoutOf, gitCommonDir } from "../git/facts.ts";
import { GitCommandError, git, runGit } from "../git/run.ts";

export type Env = Record<string, string | undefined>;

/**
 * Commits made by merge: unattended, so never wait on a signing passphrase. They also skip the
 * repository's hooks (`--no-verify` on every merge commit): they are made in a scratch worktree inside
 * the git dir, where a hook's tools and dependencies (node_modules, a venv) are not installed, and they
 * only combine commits that already passed the hooks on their lane branches. spec-kitty's own commits in
 * the user's checkout (auto_commit) do run the hooks (core/git/commit.ts).
 */
export const COMMIT_FLAGS = ["-c", "commit.gpgsign=false"];

export function scratchDir(root: string, slug: string): string {
  const common = gitCommonDir(root) ?? join(root, ".git");
  return join(common, "spec-kitty", `merge-${slug}-scratch`);
}

export function dropScratch(root: string, dir: string, env?: Env): void {
  if (existsSync(dir)) runGit(root, ["worktree", "remove", "--force", dir], { env });
  rmSync(dir, { recursive: true, force: true });
  runGit(root, ["worktree", "prune"], { env });
}

/**
 * Runs `fn` in a fresh detached worktree at `commit` and returns what it returns. The worktree is
 * removed afterwards whatever happens; one left behind by a killed process is replaced.
 */
export function inScratch<T>(
  root: string,
  slug: string,
  commit: string,
  env: Env,
  fn: (dir: string) => T,
): T {
  const dir = scratchDir(root, slug);
  dropScratch(root, dir, env);
  mkdirSync(join(dir, ".."), { recursive: true });
  git(root, ["worktree", "add", "--quiet", "--detach", dir, commit], { env });
  try {
    return fn(dir);
  } finally {
    dropScratch(root, dir, env);
  }
}

/** Conflicted paths of an interrupted merge in `dir`. */
export function conflictedFiles(dir: string, env?: Env): string[] {
  const out = runGit(dir, ["diff", "--name-only", "--diff-filter=U"], { env }).stdout;
  return out.split("\n").filter((line) => line.trim() !== "");
}

export class MergeConflictError extends SpecKittyError {}

/**
 * `git merge` run in the scratch worktree `dir`; on a conflict the merge is aborted (the scratch is
 * thrown away anyway) and a MERGE_CONFLICT error names what was merged and the conflicting files.
 */
export function mergeOrExplain(dir: string, args: string[], what: string, fix: string, env: Env): void {
  const result = runGit(dir, [...COMMIT_FLAGS, "merge", "--no-verify", ...args], { env });
  if (result.code === 0) return;
  const files = conflictedFiles(dir, env);
  runGit(dir, ["merge", "--abort"], { env });
  if (files.length === 0) throw new GitCommandError(["merge", ...args], result);
  throw new MergeConflictError("MERGE_CONFLICT", `${what}: conflict in ${files.join(", ")}`, {
    fix,
    details: { conflicting_files: files },
  });
}

/**
 * Moves `branch` from `oldHead` to `newHead` (a descendant). In a checkout that has the branch this is
 * `git merge --ff-only`, which refuses (and changes nothing) when local edits are in the way.
 */
export function advanceBranch(
  root: string,
  branch: string,
  newHead: string,
  oldHead: string,
  env: Env,
): void {
  const checkout = checkoutOf(root, branch, { env });
  if (checkout === null) {
    git(root, ["update-ref", "-m", "spec-kitty merge", `refs/heads/${branch}`, newHead, oldHead], { env });
    return;
  }
  const result = runGit(checkout, ["merge", "--ff-only", "--quiet", newHead], { env });
  if (result.code !== 0) {
    throw new SpecKittyError(
      "CHECKOUT_BLOCKS_MERGE",
      `could not move ${branch} forward in ${checkout}: ${result.stderr.trim().split("\n").slice(0, 4).join(" ")}`,
      {
        // Never "stash": a stash would take spec-kitty's own uncommitted files (the event log) with it.
        fix: `commit the changes that are in the way in ${checkout} (\`git -C ${checkout} status\`), then run the same merge command again`,
        details: { checkout, branch, stderr: result.stderr },
      },
    );
  }
}
