/**
 * WP files (`tasks/WPnn-*.md`): YAML frontmatter between `---` lines, then a Markdown body. Reading uses
 * the one YAML reader (fs/text.ts); edits go through the `yaml` package's Document API, loaded only when
 * a file is edited, so comments, key order, quoting and unknown keys survive. The body is never
 * re-serialised: it is carried over byte for byte.
 */
import { basename } from "node:path";
import { checkFile, yamlKeyLocator } from "../../schema/check.ts";
import {
  KNOWN_WP_KEYS,
  WP_FIELD_ORDER,
  WP_ID,
  WP_ID_PATTERN,
  type WpFrontmatter,
  WRITABLE_WP_KEYS,
  wpFrontmatterSchema,
} from "../../schema/wp-frontmatter.ts";
import { InvalidFileError } from "../errors.ts";
import { parseYaml, readTextFile } from "../fs/text.ts";
import { activityLine, appendActivity } from "./activity.ts";

export interface WpFile {
  id: string;
  path: string;
  /** Project-relative name used in messages. */
  name: string;
  data: WpFrontmatter;
  /** Valid but unusual content, kept as is: unknown keys, an unknown execution_mode, an irregular id. */
  warnings: WpWarning[];
  /** Everything before the frontmatter text (`---\n`), the frontmatter text, and everything after. */
  head: string;
  yamlText: string;
  tail: string;
}

export interface WpWarning {
  /** `unknown_frontmatter_key`, `unknown_execution_mode` or `non_canonical_wp_id`. */
  code: string;
  message: string;
}

const FILE_ID = new RegExp(`^(${WP_ID})(?:[-_.]|$)`);
/** `WP7-…`, `WP001-…`: a WP id other tools wrote that is not canonical. Readers keep such a WP. */
const LOOSE_FILE_ID = /^(WP\d+)(?:[-_.]|$)/;
const LOOSE_ID = /^WP\d+$/;
/** A git conflict marker line, as an unfinished merge leaves it. */
const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(?:\s|$)/m;

/** The WP id a filename declares, or an error for names that look like WP files but are malformed. */
export function wpIdFromFilename(file: string, name = file): string {
  const match = FILE_ID.exec(basename(file));
  if (!match) {
    throw new InvalidFileError(
      name,
      "WP file names must start with a WP id: WP and two digits (e.g. WP01-title.md)",
      { fix: "rename the file to WPnn-short-title.md, e.g. WP01-parser.md" },
    );
  }
  return match[1] as string;
}

/**
 * The non-canonical WP id a filename declares (`WP7-hotfix.md` → WP7), or null when the name has a
 * canonical id or none at all. Readers show such a WP with a warning; finalize refuses its name.
 */
export function irregularWpIdFromFilename(file: string): string | null {
  const name = basename(file);
  if (FILE_ID.test(name)) return null;
  return LOOSE_FILE_ID.exec(name)?.[1] ?? null;
}

function splitFrontmatter(text: string, name: string): { head: string; yamlText: string; tail: string } {
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) throw new InvalidFileError(name, "does not start with a `---` frontmatter line", { line: 1 });
  const rest = text.slice(first[0].length);
  const close = /^[ \t]*---[ \t]*$/m.exec(rest);
  if (!close) throw new InvalidFileError(name, "frontmatter has no closing `---` line", { line: 1 });
  return { head: first[0], yamlText: rest.slice(0, close.index), tail: rest.slice(close.index) };
}

/** A top-level key written twice (YAML forbids it; Bun's parser would silently keep the last one). */
function duplicateKey(yamlText: string): { key: string; line: number } | null {
  const seen = new Set<string>();
  const lines = yamlText.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const key = /^([^\s#'"-][^:]*?|'[^']*'|"[^"]*"):(?:\s|$)/.exec(lines[i] as string)?.[1];
    if (key === undefined) continue;
    if (seen.has(key)) return { key, line: i + 1 };
    seen.add(key);
  }
  return null;
}

/**
 * Parses a WP file. `id` is the file's WP id when the caller already knows it (an irregular id such
 * as WP7, see irregularWpIdFromFilename); otherwise the name must carry a canonical one.
 */
export function parseWpText(
  text: string,
  path: string,
  name: string,
  id = wpIdFromFilename(path, name),
): WpFile {
  const { head, yamlText, tail } = splitFrontmatter(text, name);
  const marker = CONFLICT_MARKER.exec(yamlText);
  if (marker) {
    const line = yamlText.slice(0, marker.index).split("\n").length + 1;
    throw new InvalidFileError(name, "frontmatter holds git conflict markers (an unfinished merge)", {
      line,
      fix: `resolve the conflict in ${name} (keep one side of each <<<<<<< … >>>>>>> block)`,
      details: { conflict_markers: true },
    });
  }
  const raw = parseYaml(yamlText, name, { lineOffset: 1 });
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidFileError(name, "frontmatter must be a YAML mapping (key: value lines)", { line: 2 });
  }
  const dup = duplicateKey(yamlText);
  if (dup)
    throw new InvalidFileError(name, `frontmatter key '${dup.key}' appears twice`, { line: dup.line + 1 });
  const data = checkFile(wpFrontmatterSchema, raw, name, yamlKeyLocator(yamlText, 1)) as WpFrontmatter;
  const declared = data.work_package_id;
  const irregular = !WP_ID_PATTERN.test(id);
  if (declared !== undefined && !WP_ID_PATTERN.test(declared) && !(irregular && LOOSE_ID.test(declared))) {
    throw new InvalidFileError(name, `work_package_id '${declared}' is not WP followed by two digits`);
  }
  if (declared !== undefined && declared !== id) {
    throw new InvalidFileError(name, `work_package_id is ${declared} but the file name says ${id}`, {
      fix: `make the file name and work_package_id agree (${id} or ${declared})`,
    });
  }
  const warnings: WpWarning[] = Object.keys(data)
    .filter((key) => !KNOWN_WP_KEYS.has(key))
    .map((key) => ({
      code: "unknown_frontmatter_key",
      message: `${name}: unknown frontmatter key '${key}' (kept as is)`,
    }));
  if ("pre_review_test_scope" in data)
    warnings.push({
      code: "upstream_strict_model_rejects",
      message: `${name}: pre_review_test_scope is read by spec-kitty's move-task but no upstream WP model admits it, so upstream's strict readers skip this file`,
    });
  const mode = data.execution_mode;
  if (typeof mode === "string" && mode !== "code_change" && mode !== "planning_artifact")
    warnings.push({
      code: "unknown_execution_mode",
      message: `${name}: unknown execution_mode '${mode}' (kept as is; placed like a WP that declares none)`,
    });
  if (irregular)
    warnings.push({
      code: "non_canonical_wp_id",
      message: `${name}: '${id}' is not a canonical WP id (WP and two digits); shown as is`,
    });
  return { id, path, name, data, warnings, head, yamlText, tail };
}

export function readWpFile(path: string, name: string, id?: string): WpFile {
  return parseWpText(readTextFile(path, name), path, name, id);
}

/** The whole text of a WP file as read. */
export function wpText(wp: WpFile): string {
  return `${wp.head}${wp.yamlText}${wp.tail}`;
}

export interface WpEdit {
  /** Frontmatter keys to set; a key whose value is already the same is left as written; `undefined` removes it. */
  set?: Record<string, unknown>;
  /** One line appended to the body's `## Activity Log` section. */
  activity?: { at: string; actor: string; shellPid: string; note: string };
}

/**
 * THE way to change a WP file: the new text with `edit` applied (unchanged → the original text). Only
 * the lines of changed keys are rewritten; the body changes only by the appended activity line.
 */
export function editWp(wp: WpFile, edit: WpEdit): string {
  const frontmatter = edit.set ? renderFrontmatter(wp, edit.set) : `${wp.head}${wp.yamlText}`;
  if (!edit.activity) return `${frontmatter}${wp.tail}`;
  const { at, actor, shellPid, note } = edit.activity;
  return `${frontmatter}${appendActivity(wp.tail, activityLine(at, actor, shellPid, note))}`;
}

function rank(key: string): number {
  const index = WP_FIELD_ORDER.indexOf(key);
  return index === -1 ? WP_FIELD_ORDER.length : index;
}

function precedes(a: string, b: string): boolean {
  const ra = rank(a);
  const rb = rank(b);
  return ra !== rb ? ra < rb : ra === WP_FIELD_ORDER.length && a < b;
}

/** Block sequences keep the file's own style: indented (`  - x`) if it already uses that, else flush. */
function usesIndentedSequences(yamlText: string): boolean {
  return /^[^\s#][^\n]*:[ \t]*\r?\n[ \t]+- /m.test(yamlText);
}

const snippetCache = new Map<string, string>();

/** Offset of the start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** End of item content inside [from, to): trailing blank and comment-only lines belong to the next key. */
function contentEnd(text: string, from: number, to: number): number {
  let end = to;
  for (;;) {
    const prev = text.lastIndexOf("\n", end - 2) + 1;
    if (prev <= from) return end;
    const line = text.slice(prev, end).trim();
    if (line !== "" && !line.startsWith("#")) return end;
    end = prev;
  }
}

/** The keys of `set` whose value differs from the frontmatter's (what `editWp` would rewrite). */
export function changedKeys(wp: WpFile, set: Record<string, unknown>): string[] {
  return Object.keys(set).filter((key) => JSON.stringify(wp.data[key]) !== JSON.stringify(set[key]));
}

/** `head` + frontmatter text with `updates` applied; new keys go where spec-kitty's field order puts them. */
function renderFrontmatter(wp: WpFile, updates: Record<string, unknown>): string {
  const original = `${wp.head}${wp.yamlText}`;
  const changed = changedKeys(wp, updates).map((key): [string, unknown] => [key, updates[key]]);
  if (changed.length === 0) return original;
  const unwritable = changed.map(([key]) => key).filter((key) => !WRITABLE_WP_KEYS.has(key));
  // A key some upstream version's strict parser rejects would make that version drop the whole WP.
  if (unwritable.length > 0)
    throw new Error(`refusing to write WP frontmatter key(s) ${unwritable.join(", ")}`);
  // Loaded here, not at the top: reading WP files (board, next) never needs it.
  const { Document, isMap, parseDocument } = require("yaml") as typeof import("yaml");
  const map = parseDocument(wp.yamlText, { uniqueKeys: false }).contents;
  if (!isMap(map)) return original;
  const text = wp.yamlText.endsWith("\n") || wp.yamlText === "" ? wp.yamlText : `${wp.yamlText}\n`;
  const indentSeq = usesIndentedSequences(text);
  const snippet = (key: string, value: unknown) => {
    // finalize writes the same branch fields into every WP; serialising each once keeps 3,000 WPs fast.
    const memoKey = `${indentSeq}\u0000${key}\u0000${JSON.stringify(value)}`;
    let out = snippetCache.get(memoKey);
    if (out === undefined) {
      out = new Document({ [key]: value }).toString({ indentSeq, lineWidth: 0 });
      if (snippetCache.size > 10_000) snippetCache.clear();
      snippetCache.set(memoKey, out);
    }
    return out;
  };
  // Span of each top-level item: from its key's line to where its content ends.
  const items = map.items.map((item, i) => {
    const keyNode = item.key as { range?: [number, number, number]; value?: unknown };
    const start = lineStart(text, keyNode.range?.[0] ?? 0);
    const nextKey = map.items[i + 1]?.key as { range?: [number, number, number] } | undefined;
    const limit = nextKey?.range ? lineStart(text, nextKey.range[0]) : text.length;
    return { key: String(keyNode.value ?? item.key), start, end: contentEnd(text, start, limit) };
  });
  const edits: { at: number; end: number; insert: string; order: number }[] = [];
  let order = 0;
  changed.sort(([a], [b]) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
  for (const [key, value] of changed) {
    const existing = items.find((item) => item.key === key);
    if (existing) {
      const insert = value === undefined ? "" : snippet(key, value);
      edits.push({ at: existing.start, end: existing.end, insert, order: order++ });
      continue;
    }
    const before = items.findIndex((item) => precedes(key, item.key));
    const anchor =
      before <= 0 ? (before === 0 ? 0 : (items.at(-1)?.end ?? text.length)) : (items[before - 1]?.end ?? 0);
    edits.push({ at: anchor, end: anchor, insert: snippet(key, value), order: order++ });
  }
  // Apply from the end so earlier offsets stay valid; insertions at one point keep the field order.
  edits.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return `${wp.head}${out}`;
}
