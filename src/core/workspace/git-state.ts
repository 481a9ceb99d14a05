/**
 * Small git facts the workspace code asks about a checkout: which branch, whether it is clean, whether
 * a ref exists. All go through the one git runner (src/core/git.ts).
 */
import { SpecKittyError } from "../errors.ts";
import { currentBranch, type GitOptions, runGit } from "../git.ts";

export function refExists(cwd: string, ref: string, options: GitOptions = {}): boolean {
  return runGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], options).code === 0;
}

export function headCommit(cwd: string, options: GitOptions = {}): string | null {
  const result = runGit(cwd, ["rev-parse", "HEAD"], options);
  return result.code === 0 ? result.stdout.trim() : null;
}

/**
 * Paths `git status --porcelain` reports in `cwd`, minus `ignore` (paths our own worktree setup placed
 * there, e.g. a node_modules link, which must not make a fresh worktree count as dirty).
 */
export function dirtyPaths(cwd: string, ignore: readonly string[] = [], options: GitOptions = {}): string[] {
  const result = runGit(cwd, ["status", "--porcelain", "--untracked-files=normal"], options);
  if (result.code !== 0) {
    throw new SpecKittyError("GIT_STATUS_FAILED", `cannot read git status in ${cwd}`, {
      fix: "check that the directory is a healthy git checkout (`git status`)",
      details: { stderr: result.stderr.trim() },
    });
  }
  const skip = new Set(ignore.map((p) => p.replace(/\/+$/, "")));
  return result.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.slice(3).replace(/^"|"$/g, "").replace(/\/+$/, ""))
    .filter((path) => !skip.has(path));
}

/** The checkout's branch; a detached HEAD is an error naming the directory and how to recover. */
export function requireBranch(cwd: string, what: string, options: GitOptions = {}): string {
  const branch = currentBranch(cwd, options);
  if (branch) return branch;
  throw new SpecKittyError("DETACHED_HEAD", `${what} (${cwd}) has a detached HEAD`, {
    fix: `check out a branch there first (\`git -C ${cwd} switch <branch>\`); commits on a detached HEAD get lost`,
    details: { path: cwd },
  });
}
