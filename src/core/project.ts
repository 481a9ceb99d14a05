/**
 * Where the project is: its root (the directory holding `.kittify/`), its git common dir, and the
 * repository-wide lock files that every checkout of the repository shares.
 */
import { statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { SpecKittyError } from "./errors.ts";
import { withLock } from "./fs/lock.ts";
import { containedPath } from "./fs/safe-path.ts";
import { gitCommonDir } from "./git/facts.ts";

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const hasKittify = (dir: string): boolean => isDir(join(dir, ".kittify"));

/**
 * The project root for `cwd`. Inside a lane worktree (`<main>/.worktrees/<slug>-<lane>/…`) this is the
 * MAIN checkout, even when the worktree has its own committed `.kittify/`: status and lanes are written
 * once, in the main checkout, never per worktree. A linked worktree living elsewhere that has no
 * `.kittify/` of its own resolves to the main checkout through the git common dir.
 */
export function findProjectRoot(cwd: string): string {
  const start = resolve(cwd);
  let nearest: string | null = null;
  for (let dir = start; ; dir = dirname(dir)) {
    const parent = dirname(dir);
    // `dir` is `<main>/.worktrees/<name>`: the main checkout wins over anything nearer.
    if (basename(parent) === ".worktrees" && hasKittify(dirname(parent))) return dirname(parent);
    if (nearest === null && hasKittify(dir)) nearest = dir;
    if (parent === dir) break;
  }
  if (nearest !== null) return nearest;
  const common = gitCommonDir(start);
  if (common !== null && basename(common) === ".git" && hasKittify(dirname(common))) return dirname(common);
  throw new SpecKittyError("NOT_A_PROJECT", `no spec-kitty project found at or above ${start}`, {
    fix: "run `spec-kitty init` in the project directory first (or cd into one)",
    details: { cwd: start },
  });
}

const LOCK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The path of a repository-wide lock named `name`. In git it lives in the common dir
 * (`<common>/spec-kitty/<name>.lock`) so the main checkout and every worktree contend for the same
 * lock; outside git it is `<root>/.kittify/locks/<name>.lock`. Callers that already know the common dir
 * pass it in, saving a git spawn.
 */
export function repoLockPath(root: string, name: string, common: string | null = gitCommonDir(root)): string {
  if (!LOCK_NAME.test(name)) {
    throw new SpecKittyError("BAD_LOCK_NAME", `invalid lock name '${name}'`, {
      fix: "this is a bug in spec-kitty; please report it",
    });
  }
  // Outside git the locks live in the project, so their folder must not lead out of it.
  return common === null
    ? containedPath(root, join(".kittify", "locks", `${name}.lock`))
    : join(common, "spec-kitty", `${name}.lock`);
}

/**
 * The status lock: one for every writer of a mission's status log and of the WP documents that change
 * with it (WP files, tasks.md checkboxes), shared by the main checkout and all its worktrees, so a
 * read–decide–write sequence never interleaves with another process's.
 */
export function withStatusLock<T>(root: string, fn: () => Promise<T> | T): Promise<T> {
  return withLock(repoLockPath(root, "status"), fn, { timeoutMs: 30_000 });
}
