/**
 * The repository's local info files (`<common dir>/info/exclude` and `info/attributes`, never the
 * committed .gitignore or .gitattributes): spec-kitty's own scratch space inside the main checkout
 * (`.worktrees/`, `.kittify/runtime/`) is listed in `info/exclude` so it never shows up as untracked,
 * and so `git add -A` (by a person or an agent in the main checkout) never commits it. The one writer
 * of those files.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { readTextFile } from "../fs/text.ts";
import { gitCommonDir } from "./facts.ts";
import type { GitOptions } from "./run.ts";

/** What an info file write changed: the file and its text before, so a failed command can put it back. */
export interface ExcludeChange {
  file: string;
  before: string;
}

/** A line an info file must hold, and the other spellings that mean the same (compared trimmed). */
export interface InfoLine {
  line: string;
  sameAs?: readonly string[];
}

/**
 * Appends to `<common>/info/<name>` every line it lacks, in one atomic write (the directory made when
 * missing). Returns what it changed, or null when every line was there.
 */
export function addInfoLines(common: string, name: string, lines: readonly InfoLine[]): ExcludeChange | null {
  const file = join(common, "info", name);
  const text = existsSync(file) ? readTextFile(file, file) : "";
  const have = new Set(text.split("\n").map((line) => line.trim()));
  const missing = lines.filter(({ line, sameAs = [] }) => ![line, ...sameAs].some((l) => have.has(l)));
  if (missing.length === 0) return null;
  mkdirSync(dirname(file), { recursive: true });
  const lead = text === "" || text.endsWith("\n") ? "" : "\n";
  writeFileAtomic(file, `${text}${lead}${missing.map(({ line }) => `${line}\n`).join("")}`);
  return { file, before: text };
}

/** `/<dir>/` for `info/exclude`, also present when written `<dir>/` (the same at the top). */
export function excludeLine(dir: string): InfoLine {
  const bare = dir.replace(/^\/+|\/+$/g, "");
  return { line: `/${bare}/`, sameAs: [`${bare}/`] };
}

/**
 * Adds `/<dir>/` to the local exclude file unless it (or `<dir>/`) is already there. Does nothing
 * outside a git repository. Returns what it changed, or null.
 */
export function excludeLocally(
  root: string,
  dir: string,
  options: GitOptions & { commonDir?: string } = {},
): ExcludeChange | null {
  const common = options.commonDir ?? gitCommonDir(root, options);
  if (!common) return null;
  return addInfoLines(common, "exclude", [excludeLine(dir)]);
}
