/**
 * Cheap looks at a checkout's own git files, for the hot paths that would otherwise spawn git to learn
 * nothing has to change (a prompt written, a status event appended). Only a main checkout whose `.git`
 * is a directory, in an environment that does not point git elsewhere, is read this way; anything
 * else (a worktree, a submodule, `GIT_DIR` or `GIT_CONFIG_*` in the environment, a config that
 * includes other files) answers null, and the caller asks git itself.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

/** Variables that make git use another repository, or config this file does not show. */
const REDIRECTING_ENV = [
  "GIT_DIR",
  "GIT_COMMON_DIR",
  "GIT_CONFIG",
  "GIT_CONFIG_COUNT",
  "GIT_CONFIG_PARAMETERS",
];

/**
 * `<root>/.git` when it is the repository directory git itself would use with `env` (the process
 * environment by default, as `runGit` does), else null.
 */
export function plainGitDir(root: string, env: Env = process.env): string | null {
  if (REDIRECTING_ENV.some((name) => (env[name] ?? "") !== "")) return null;
  const dir = join(root, ".git");
  try {
    return statSync(dir).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The text of `<root>/.git/config`, or null when that is not (all of) this checkout's config: another
 * repository by the environment, or an `[include]`/`[includeIf]` pulling in more.
 */
export function localConfigText(root: string, env: Env = process.env): string | null {
  const dir = plainGitDir(root, env);
  if (dir === null) return null;
  const file = join(dir, "config");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  return /^\s*\[\s*include/im.test(text) ? null : text;
}

/** One `[section "subsection"]` of a config file: its variables (names lower-cased), last value wins. */
export interface ConfigSection {
  /** Lower-cased, as git compares it. */
  name: string;
  /** Case-sensitive (`[section "sub"]`); the old `[section.sub]` form is lower-cased, as git does. */
  subsection: string | null;
  /** Each variable's raw value as written (quotes kept, trimmed); a later line replaces an earlier. */
  values: Map<string, string>;
}

const HEADER = /^\s*\[\s*([A-Za-z0-9.-]+?)\s*(?:"((?:[^"\\]|\\.)*)")?\s*\]\s*(?:[#;].*)?$/;
const VARIABLE = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/;

/**
 * A minimal reading of git config text, enough for the fast paths: section headers and one-line
 * variables. Comments are skipped; a line it cannot read (a continuation, a header with a variable
 * after it) is skipped too, so a caller can miss a value (and ask git) but never sees one git lacks.
 */
export function configSections(text: string): ConfigSection[] {
  const sections: ConfigSection[] = [];
  let current: ConfigSection | null = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) continue;
    const header = HEADER.exec(line);
    if (header) {
      const [name = "", dotted] = (header[1] as string).split(/\.(.*)/s);
      const quoted = header[2]?.replace(/\\(.)/g, "$1");
      current = {
        name: name.toLowerCase(),
        subsection: quoted ?? (dotted ? dotted.toLowerCase() : null),
        values: new Map(),
      };
      sections.push(current);
      continue;
    }
    if (trimmed.startsWith("[")) {
      current = null; // a header this reader does not understand: ignore what follows it
      continue;
    }
    const variable = VARIABLE.exec(line);
    if (current && variable)
      current.values.set((variable[1] as string).toLowerCase(), variable[2]?.trim() ?? "");
  }
  return sections;
}

/**
 * Whether the repository's config defines any remote; null when it cannot tell without git. Any
 * header that names a remote counts (a false "yes" only costs a git call, a false "no" hides one).
 */
export function hasRemotes(root: string, env: Env = process.env): boolean | null {
  const text = localConfigText(root, env);
  return text === null ? null : /^\s*\[\s*remote\s*[".]/im.test(text);
}
