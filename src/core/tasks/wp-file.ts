/**
 * WP files (`tasks/WPnn-*.md`): YAML frontmatter between `---` lines, then a Markdown body. Edits go
 * through yaml's Document API so comments, key order, quoting and unknown keys survive, and the body is
 * never re-serialised: it is carried over byte for byte.
 */
import { basename } from "node:path";
import { type Document, isMap, parseDocument, Document as YamlDocument } from "yaml";
import { checkFile } from "../../schema/check.ts";
import {
  KNOWN_WP_KEYS,
  WP_FIELD_ORDER,
  WP_ID,
  WP_ID_PATTERN,
  type WpFrontmatter,
  wpFrontmatterSchema,
} from "../../schema/wp-frontmatter.ts";
import { InvalidFileError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";

export interface WpFile {
  id: string;
  path: string;
  /** Project-relative name used in messages. */
  name: string;
  data: WpFrontmatter;
  warnings: string[];
  /** Everything before the frontmatter text (`---\n`), the frontmatter text, and everything after. */
  head: string;
  yamlText: string;
  tail: string;
  doc: Document;
}

const FILE_ID = new RegExp(`^(${WP_ID})(?:[-_.]|$)`);

/** The WP id a filename declares, or an error for names that look like WP files but are malformed. */
export function wpIdFromFilename(file: string, name = file): string {
  const match = FILE_ID.exec(basename(file));
  if (!match) {
    throw new InvalidFileError(
      name,
      "WP file names must start with a WP id: WP and two digits (e.g. WP01-title.md)",
      {
        fix: "rename the file to WPnn-short-title.md, e.g. WP01-parser.md",
      },
    );
  }
  return match[1] as string;
}

function splitFrontmatter(text: string, name: string): { head: string; yamlText: string; tail: string } {
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) throw new InvalidFileError(name, "does not start with a `---` frontmatter line", { line: 1 });
  const rest = text.slice(first[0].length);
  const close = /^[ \t]*---[ \t]*$/m.exec(rest);
  if (!close) throw new InvalidFileError(name, "frontmatter has no closing `---` line", { line: 1 });
  return { head: first[0], yamlText: rest.slice(0, close.index), tail: rest.slice(close.index) };
}

export function parseWpText(text: string, path: string, name: string): WpFile {
  const id = wpIdFromFilename(path, name);
  const { head, yamlText, tail } = splitFrontmatter(text, name);
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    throw new InvalidFileError(name, `frontmatter is not valid YAML: ${problem.message.split("\n")[0]}`, {
      line: line === undefined ? undefined : line + 1,
    });
  }
  if (!isMap(doc.contents)) {
    throw new InvalidFileError(name, "frontmatter must be a YAML mapping (key: value lines)", { line: 2 });
  }
  const data = checkFile(wpFrontmatterSchema, doc.toJS(), name) as WpFrontmatter;
  const declared = data.work_package_id;
  if (declared !== undefined && !WP_ID_PATTERN.test(declared)) {
    throw new InvalidFileError(name, `work_package_id '${declared}' is not WP followed by two digits`);
  }
  if (declared !== undefined && declared !== id) {
    throw new InvalidFileError(name, `work_package_id is ${declared} but the file name says ${id}`, {
      fix: `make the file name and work_package_id agree (${id} or ${declared})`,
    });
  }
  const warnings = Object.keys(data)
    .filter((key) => !KNOWN_WP_KEYS.has(key))
    .map((key) => `${name}: unknown frontmatter key '${key}' (kept as is)`);
  return { id, path, name, data, warnings, head, yamlText, tail, doc };
}

export function readWpFile(path: string, name: string): WpFile {
  return parseWpText(readTextFile(path, name), path, name);
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

/**
 * The file text with `updates` applied to the frontmatter. Only the lines of changed keys are
 * rewritten; every other byte (other keys, their quoting and comments, the body) is kept. New keys are
 * inserted where spec-kitty's field order puts them. Unchanged → the original text, never rewritten.
 */
export function renderWpUpdate(wp: WpFile, updates: Record<string, unknown>): string {
  const original = `${wp.head}${wp.yamlText}${wp.tail}`;
  const map = wp.doc.contents;
  if (!isMap(map)) return original;
  const text = wp.yamlText.endsWith("\n") || wp.yamlText === "" ? wp.yamlText : `${wp.yamlText}\n`;
  const indentSeq = usesIndentedSequences(text);
  const snippet = (key: string, value: unknown) => {
    // finalize writes the same branch fields into every WP; serialising each once keeps 3,000 WPs fast.
    const memoKey = `${indentSeq}\u0000${key}\u0000${JSON.stringify(value)}`;
    let text = snippetCache.get(memoKey);
    if (text === undefined) {
      text = new YamlDocument({ [key]: value }).toString({ indentSeq, lineWidth: 0 });
      if (snippetCache.size > 10_000) snippetCache.clear();
      snippetCache.set(memoKey, text);
    }
    return text;
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
  const entries = Object.entries(updates).sort(([a], [b]) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0));
  for (const [key, value] of entries) {
    if (JSON.stringify(wp.data[key]) === JSON.stringify(value)) continue;
    const existing = items.find((item) => item.key === key);
    if (existing) {
      edits.push({ at: existing.start, end: existing.end, insert: snippet(key, value), order: order++ });
      continue;
    }
    const before = items.findIndex((item) => precedes(key, item.key));
    const anchor =
      before <= 0 ? (before === 0 ? 0 : (items.at(-1)?.end ?? text.length)) : (items[before - 1]?.end ?? 0);
    edits.push({ at: anchor, end: anchor, insert: snippet(key, value), order: order++ });
  }
  if (edits.length === 0) return original;
  // Apply from the end so earlier offsets stay valid; insertions at one point keep the field order.
  edits.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return `${wp.head}${out}${wp.tail}`;
}
