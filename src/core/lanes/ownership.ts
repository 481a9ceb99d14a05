/**
 * Who owns which files: `execution_mode`, `owned_files` and `authoritative_surface` for a WP, inferred
 * from the WP file text when the frontmatter doesn't say (the same signals spec-kitty 3.1 uses), and
 * the overlap check between WPs' owned globs.
 */
export type ExecutionMode = "code_change" | "planning_artifact";

export interface Ownership {
  executionMode: ExecutionMode;
  ownedFiles: string[];
  authoritativeSurface: string;
}

const PLANNING_SIGNALS = [
  /\bkitty-specs\//g,
  /\bspec\.md\b/g,
  /\bplan\.md\b/g,
  /\btasks\.md\b/g,
  /\bdata-model\.md\b/g,
  /\bquickstart\.md\b/g,
];
const CODE_SIGNALS = [/\bsrc\//g, /\btests?\//g, /\.py\b/g, /\.ts\b/g, /\.js\b/g];
const PATH_TOKEN = /(?<![\w/.-])(?:src|tests?|kitty-specs|docs)\/[^\s`'")\]>]+/g;

const count = (text: string, patterns: RegExp[]) =>
  patterns.reduce((sum, re) => sum + (text.match(re)?.length ?? 0), 0);

export function inferExecutionMode(text: string): ExecutionMode {
  return count(text, PLANNING_SIGNALS) > 0 && count(text, CODE_SIGNALS) === 0
    ? "planning_artifact"
    : "code_change";
}

export function isExecutionMode(value: unknown): value is ExecutionMode {
  return value === "code_change" || value === "planning_artifact";
}

/**
 * THE answer to "is this WP planning or code": its frontmatter `execution_mode`, else the mode its
 * whole file text suggests. A value this version does not know (another tool's `pairing`, say) is
 * kept in the file and reported by the readers; the WP is then placed by its text, like one that
 * declares nothing. Nothing outside src/core/lanes decides this on its own.
 */
export function executionModeOf(fm: { execution_mode?: string | null }, text: string): ExecutionMode {
  return isExecutionMode(fm.execution_mode) ? fm.execution_mode : inferExecutionMode(text);
}

/** Path tokens of the text as globs: directories become `dir/**`, paths under a kept `dir/**` dropped. */
export function inferOwnedFiles(text: string, mode: ExecutionMode, missionSlug: string): string[] {
  if (mode === "planning_artifact") return [`kitty-specs/${missionSlug}/**`];
  const tokens = new Set<string>();
  for (const raw of text.match(PATH_TOKEN) ?? []) {
    const path = raw.replace(/[.,;:!?]+$/, "").replace(/\/+$/, "");
    const last = path.split("/").pop() ?? "";
    tokens.add(last.includes(".") || last.includes("*") ? path : `${path}/**`);
  }
  const kept: string[] = [];
  for (const glob of [...tokens].sort()) {
    if (kept.some((k) => k.endsWith("/**") && glob.startsWith(k.slice(0, -2)))) continue;
    kept.push(glob);
  }
  return kept;
}

/** The static part of a glob: everything before the first segment holding a wildcard. */
export function staticPrefix(glob: string): string {
  const segments = glob.split("/");
  const at = segments.findIndex((s) => /[*?[{]/.test(s));
  return (at === -1 ? segments : segments.slice(0, at)).join("/");
}

const isPattern = (glob: string) => /[*?[{]/.test(glob);

/**
 * The directory that holds all owned globs, with a trailing `/`. Unlike spec-kitty 3.1 (which made a
 * single owned file `a/b.py` into the impossible surface `a/b.py/`), a file's surface is its directory.
 */
export function inferSurface(ownedFiles: string[]): string {
  const dirs = ownedFiles.map((glob) => {
    const prefix = staticPrefix(glob);
    return isPattern(glob) ? prefix : prefix.split("/").slice(0, -1).join("/");
  });
  let common = (dirs[0] ?? "").split("/").filter(Boolean);
  for (const dir of dirs.slice(1)) {
    const parts = dir.split("/");
    let n = 0;
    while (n < common.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  if (common.length === 0) return dirs.find((d) => d !== "") ? `${dirs.find((d) => d !== "")}/` : "./";
  return `${common.join("/")}/`;
}

export interface OwnerOverlap {
  a: string;
  b: string;
  globA: string;
  globB: string;
}

/**
 * Pairs of WPs whose owned globs can match the same file. Linear in the number of globs (times path
 * depth): every glob is indexed by its static prefix, and each glob looks up its own ancestors.
 */
export function findOverlaps(owners: { wpId: string; globs: string[] }[]): OwnerOverlap[] {
  const dirOwners = new Map<string, { wpId: string; glob: string }[]>();
  const exactOwners = new Map<string, { wpId: string; glob: string }[]>();
  for (const { wpId, globs } of owners) {
    for (const glob of globs) {
      const table = isPattern(glob) ? dirOwners : exactOwners;
      const key = staticPrefix(glob);
      const list = table.get(key);
      if (list) list.push({ wpId, glob });
      else table.set(key, [{ wpId, glob }]);
    }
  }
  const found = new Map<string, OwnerOverlap>();
  const note = (x: { wpId: string; glob: string }, y: { wpId: string; glob: string }) => {
    if (x.wpId === y.wpId) return;
    const [first, second] = x.wpId < y.wpId ? [x, y] : [y, x];
    const key = `${first.wpId}|${second.wpId}`;
    if (!found.has(key))
      found.set(key, { a: first.wpId, b: second.wpId, globA: first.glob, globB: second.glob });
  };
  for (const { wpId, globs } of owners) {
    for (const glob of globs) {
      const me = { wpId, glob };
      const prefix = staticPrefix(glob);
      for (const other of exactOwners.get(prefix) ?? [])
        if (!isPattern(glob) || other.glob !== glob) note(me, other);
      const parts = prefix.split("/");
      for (let n = parts.length; n >= 0; n--) {
        for (const other of dirOwners.get(parts.slice(0, n).join("/")) ?? []) note(me, other);
      }
    }
  }
  return [...found.values()].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1));
}

export interface ResolvedOwnership {
  mode: ExecutionMode;
  owned: string[];
  surface: string | null;
  /** The fields the frontmatter lacked, with their inferred values (finalize writes these). */
  inferred: Record<string, unknown>;
}

/** A WP's ownership: frontmatter values win; missing ones are inferred from the whole file text. */
export function resolveOwnership(
  fm: {
    execution_mode?: string | null;
    owned_files?: string[] | null;
    authoritative_surface?: string | null;
  },
  text: string,
  missionSlug: string,
): ResolvedOwnership {
  const mode = executionModeOf(fm, text);
  const owned = fm.owned_files ?? inferOwnedFiles(text, mode, missionSlug);
  const surface = fm.authoritative_surface ?? (owned.length > 0 ? inferSurface(owned) : null);
  const inferred: Record<string, unknown> = {};
  if (fm.execution_mode == null) inferred.execution_mode = mode;
  if (fm.owned_files == null) inferred.owned_files = owned;
  if (fm.authoritative_surface == null && surface !== null) inferred.authoritative_surface = surface;
  return { mode, owned, surface, inferred };
}

/**
 * Overlaps that matter: planning-artifact WPs all work in the main checkout (one lane, in order), so
 * two of them sharing `kitty-specs/<slug>/**` is expected; any overlap involving a code WP is not.
 */
export function conflictingOverlaps(
  entries: { wpId: string; mode: ExecutionMode; globs: string[] }[],
): OwnerOverlap[] {
  const modes = new Map(entries.map((e) => [e.wpId, e.mode]));
  return findOverlaps(entries).filter(
    (o) => !(modes.get(o.a) === "planning_artifact" && modes.get(o.b) === "planning_artifact"),
  );
}
