/**
 * Finding a version's entry in a Keep-a-Changelog file. An entry is a level-2 heading
 * `## [<version>]` (optionally ` - <date>`; brackets optional) and its body runs to the next level-1 or
 * level-2 heading of any kind. Unlike spec-kitty 3.1.1, `## [Unreleased]` ends a section too, and a
 * body holding only `### Added`-style sub-headings counts as empty.
 */
import { parseVersion, sameVersion, type Version } from "./version.ts";

export const CHANGELOG_FILE = "CHANGELOG.md";

const HEADING = /^##\s+\[?([^\]\s]+)\]?(?:\s+-\s+.*)?\s*$/;
const SECTION_END = /^#{1,2}\s/;

export interface ChangelogEntry {
  /** Line of the `## [...]` heading (1-based). */
  line: number;
  heading: string;
  /** Body text between this heading and the next, trimmed. */
  body: string;
  /** True when the body has at least one line that is not blank and not a sub-heading. */
  populated: boolean;
}

/** The first entry whose heading names `version` (semantic equality: `3.1.1rc1` = `3.1.1-rc.1`). */
export function findChangelogEntry(text: string, version: Version): ChangelogEntry | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = HEADING.exec(lines[i] as string);
    const named = match ? parseVersion(match[1] as string) : null;
    if (!named || !sameVersion(named, version)) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && !SECTION_END.test(lines[j] as string); j++)
      body.push(lines[j] as string);
    const populated = body.some(
      (line) => line.trim() !== "" && !/^#{3,}\s/.test(line) && !/^<!--.*-->$/.test(line.trim()),
    );
    return { line: i + 1, heading: lines[i] as string, body: body.join("\n").trim(), populated };
  }
  return null;
}
