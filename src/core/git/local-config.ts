/**
 * Cheap looks at a checkout's own git files, for the hot paths that would otherwise spawn git to learn
 * nothing has to change (a prompt written, a status event appended). Only a main checkout whose `.git`
 * is a directory is read this way; anything else (a worktree, a submodule, `GIT_DIR` tricks) answers
 * null, and the caller asks git itself.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** `<root>/.git` when it is the repository directory itself, else null. */
export function plainGitDir(root: string): string | null {
  const dir = join(root, ".git");
  try {
    return statSync(dir).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/** The text of `<root>/.git/config`, or null when that is not where this checkout's config is. */
export function localConfigText(root: string): string | null {
  const dir = plainGitDir(root);
  if (dir === null) return null;
  const file = join(dir, "config");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Whether the local config defines any remote; null when it cannot tell without git. */
export function hasRemotes(root: string): boolean | null {
  const text = localConfigText(root);
  return text === null ? null : /^\s*\[remote\s+"/m.test(text);
}
