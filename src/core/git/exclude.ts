/**
 * The repository's local exclude file (`<common dir>/info/exclude`, never the committed .gitignore):
 * spec-kitty's own scratch space inside the main checkout (`.worktrees/`, `.kittify/runtime/`) is
 * listed there so it never shows up as untracked, and so `git add -A` (by a person or an agent in the
 * main checkout) never commits it. The one writer of that file.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { readTextFile } from "../fs/text.ts";
import { gitCommonDir } from "./facts.ts";
import type { GitOptions } from "./run.ts";

/** What `excludeLocally` changed: the file and its text before, so a failed command can put it back. */
export interface ExcludeChange {
  file: string;
  before: string;
}

/**
 * Adds `/<dir>/` to the local exclude file unless it (or `<dir>/`, which means the same at the top)
 * is already there. Does nothing outside a git repository. Returns what it changed, or null.
 */
export function excludeLocally(
  root: string,
  dir: string,
  options: GitOptions & { commonDir?: string } = {},
): ExcludeChange | null {
  const common = options.commonDir ?? gitCommonDir(root, options);
  if (!common) return null;
  const bare = dir.replace(/^\/+|\/+$/g, "");
  const file = join(common, "info", "exclude");
  const text = existsSync(file) ? readTextFile(file, file) : "";
  const present = text.split("\n").some((line) => line.trim() === `/${bare}/` || line.trim() === `${bare}/`);
  if (present) return null;
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}/${bare}/\n`);
  return { file, before: text };
}
