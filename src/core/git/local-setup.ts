/**
 * What each clone needs locally before a team's pulls and merges go well, none of which git copies
 * when a repository is cloned: the merge driver commands in its git config, and spec-kitty's own
 * scratch space listed in `.git/info/exclude` (so `git add -A` never publishes a merge journal or a
 * prompt file), and the status files' merge rules in `.git/info/attributes`, so this clone merges them
 * with the drivers even where the committed rules are missing (a project whose own `.gitattributes`
 * spec-kitty does not edit, a mission from before `kitty-specs/.gitattributes`). Every command that
 * writes status, creates a mission or a workspace, or merges calls this first; it is idempotent and
 * costs two git calls when everything is in place.
 */
import { ensureDriverConfig, STATUS_ATTRIBUTE_RULES } from "./drivers.ts";
import { addInfoLines, type ExcludeChange, excludeLine } from "./exclude.ts";
import { gitCommonDir } from "./facts.ts";
import { plainGitDir } from "./local-config.ts";
import type { GitOptions } from "./run.ts";

/** Local-only directories of a project (never committed, never shared). */
export const LOCAL_ONLY_DIRS = [".worktrees", ".kittify/runtime"] as const;

export interface LocalSetup {
  /** Driver keys written into this clone's git config. */
  drivers: string[];
  /** Whether this is a git repository at all (nothing is set up otherwise). */
  isGit: boolean;
  /** What was added to `info/exclude` (to be put back by a command that fails), or null. */
  exclude: ExcludeChange | null;
}

/** The rules as `info/attributes` holds them (paths from the top of each worktree). */
export const LOCAL_ATTRIBUTE_RULES = STATUS_ATTRIBUTE_RULES.map((rule) => `kitty-specs/**/${rule}`);

/** Roots already set up by this process (`once`): a merge writes status thirty times, checks once. */
const settled = new Set<string>();

export function ensureLocalSetup(root: string, options: GitOptions & { once?: boolean } = {}): LocalSetup {
  if (options.once && settled.has(root)) return { drivers: [], isGit: true, exclude: null };
  const common = plainGitDir(root, options.env) ?? gitCommonDir(root, options);
  if (common === null) return { drivers: [], isGit: false, exclude: null };
  const exclude = addInfoLines(common, "exclude", LOCAL_ONLY_DIRS.map(excludeLine));
  addInfoLines(
    common,
    "attributes",
    LOCAL_ATTRIBUTE_RULES.map((line) => ({ line })),
  );
  const drivers = ensureDriverConfig(root, options);
  settled.add(root);
  return { drivers, isGit: true, exclude };
}
