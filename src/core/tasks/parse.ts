/**
 * tasks.md → work packages and the dependencies they declare.
 *
 * Accepted WP section headers (ids: `WP` + two digits, or WP100 and up; see WP_ID):
 *   `## WP01 Title`   `## WP01: Title`   `## Work Package WP01: Title`   `### WP01 …`
 * (`#### WP01`, `## WP1`, `## WP001`, `## wp01` are not headers.)
 *
 * Section bounds: a section runs to the next WP header. The LAST section also stops at the first later
 * `## ` heading that is neither a WP header nor a "Dependencies" heading (so a trailing `## Notes` or
 * `## Appendix` adds nothing). `### ` sub-headings never end a section.
 *
 * Dependency declarations inside a section (all are collected, in this order, duplicates dropped):
 *   1. `Depends on WP01`, `Depend on WP01, WP02`, `depends on WP01 and WP02`  (anywhere in a line)
 *   2. `Dependencies: WP01, WP02` / `**Dependencies**: WP01` (ids on the same line; `none` → nothing).
 *      When nothing follows the colon, the bullet list below it is read as in 3.
 *   3. A `Dependencies` heading (`### Dependencies`, `**Dependencies**`) followed by a list:
 *      `- WP01` / `* WP02`; blank lines are skipped, any other line ends the list.
 *
 * Requirement refs: a `Requirement Refs: FR-001, NFR-002` / `**Requirements**: C-001` line.
 */

import { WP_ID } from "../../schema/wp-frontmatter.ts";
import { requirementIdsIn } from "./requirements.ts";

export interface ParsedWp {
  id: string;
  title: string;
  /** 1-based line of the header in tasks.md. */
  line: number;
  /** The WP's section (see the bounds above): 0-based line indexes after the header, end exclusive. */
  section: { start: number; end: number };
  dependencies: string[];
  requirementRefs: string[];
}

export interface ParsedTasks {
  /** In order of first appearance. */
  wps: ParsedWp[];
  /** Ids whose header appears more than once, with every header line. */
  duplicates: { id: string; lines: number[] }[];
}

const HEADER = new RegExp(
  `^(?:##[ \\t]+(?:Work Package[ \\t]+)?|###[ \\t]+)(${WP_ID})(?![0-9A-Za-z_])[ \\t:]*(.*)$`,
);
const DEPS_HEADING = /^(?:#{1,4}[ \t]*)?\*{0,2}Dependencies\*{0,2}:?[ \t]*$/i;
const DEPENDS_ON = new RegExp(
  `\\bDepends?[ \\t]+on[ \\t]+(${WP_ID}(?:[ \\t]*(?:,|\\band\\b|&)[ \\t]*${WP_ID})*)`,
  "gi",
);
const DEPS_LINE = /\*{0,2}Dependencies\*{0,2}[ \t]*:[ \t]*(.*)$/i;
const LIST_ITEM = new RegExp(`^[ \\t]*[-*][ \\t]*(${WP_ID})`);
const REQ_LINE = /\*{0,2}Requirements?[ \t]*(?:Refs)?\*{0,2}[ \t]*:[ \t]*(.+)$/i;
const WP_TOKEN = new RegExp(WP_ID, "g");

function ids(text: string): string[] {
  return text.match(WP_TOKEN) ?? [];
}

/** Pattern 3 (and 2 with an empty tail): the bullet list right after line `start`. */
function listAfter(lines: string[], start: number, end: number): string[] {
  const out: string[] = [];
  for (let i = start + 1; i < end; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    if (line.trimStart().startsWith("#")) break;
    const item = LIST_ITEM.exec(line);
    if (!item) break;
    out.push(item[1] as string);
  }
  return out;
}

function sectionFacts(lines: string[], start: number, end: number): { deps: string[]; refs: string[] } {
  const byDependsOn: string[] = [];
  const byLine: string[] = [];
  const byList: string[] = [];
  const refs: string[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i] as string;
    for (const match of line.matchAll(DEPENDS_ON)) byDependsOn.push(...ids(match[1] as string));
    if (DEPS_HEADING.test(line.trim())) {
      byList.push(...listAfter(lines, i, end));
      continue;
    }
    const depLine = DEPS_LINE.exec(line);
    if (depLine) {
      const tail = (depLine[1] as string).trim();
      byLine.push(...(tail === "" ? listAfter(lines, i, end) : ids(tail)));
    }
    const req = REQ_LINE.exec(line);
    if (req) refs.push(...requirementIdsIn(req[1] as string));
  }
  return { deps: [...new Set([...byDependsOn, ...byLine, ...byList])], refs: [...new Set(refs)] };
}

/** The lines of `wpId`'s section of tasks.md (THE definition of "the WP's part of tasks.md"), or null. */
export function wpSectionLines(text: string, wpId: string): string[] | null {
  const wp = parseTasksMd(text).wps.find((w) => w.id === wpId);
  return wp ? text.split(/\r?\n/).slice(wp.section.start, wp.section.end) : null;
}

export function parseTasksMd(text: string): ParsedTasks {
  const lines = text.split(/\r?\n/);
  const headers: { id: string; title: string; index: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.startsWith("##")) continue;
    const match = HEADER.exec(line);
    if (match) headers.push({ id: match[1] as string, title: (match[2] as string).trim(), index: i });
  }
  const seen = new Map<string, number[]>();
  const wps: ParsedWp[] = [];
  headers.forEach((header, n) => {
    const next = headers[n + 1];
    let end = next ? next.index : lines.length;
    if (!next) {
      for (let i = header.index + 1; i < lines.length; i++) {
        const line = lines[i] as string;
        if (line.startsWith("## ") && !DEPS_HEADING.test(line.trim())) {
          end = i;
          break;
        }
      }
    }
    const { deps, refs } = sectionFacts(lines, header.index + 1, end);
    const at = seen.get(header.id);
    if (at) {
      at.push(header.index + 1);
      return;
    }
    seen.set(header.id, [header.index + 1]);
    wps.push({
      id: header.id,
      title: header.title,
      line: header.index + 1,
      section: { start: header.index + 1, end },
      dependencies: deps,
      requirementRefs: refs,
    });
  });
  const duplicates = [...seen].filter(([, at]) => at.length > 1).map(([id, at]) => ({ id, lines: at }));
  return { wps, duplicates };
}
