/**
 * Drivers for Markdown files: `merge-driver-traces` (append-only trace documents: the union of both
 * sides' lines, as spec-kitty 3.2.6 merges them) and `merge-driver-review-cycle` (a review record:
 * a true 3-way text merge by `git merge-file`, conflicts left for a person, never silently blended).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGit } from "../../git/run.ts";
import type { DriverOutcome, DriverSides } from "./three-way.ts";

/** Ours, then theirs, line by line; a non-blank line already written is not written again. */
export function mergeTraces(sides: DriverSides): DriverOutcome {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of [sides.ours, sides.theirs]) {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") out.push(line);
      else if (!seen.has(line)) {
        seen.add(line);
        out.push(line);
      }
    }
    // split() leaves one empty string after a final newline; it is not a line of the document.
    if (text.endsWith("\n") || text === "") out.pop();
  }
  return { text: out.length > 0 ? `${out.join("\n")}\n` : "", clean: true };
}

/**
 * A line-level 3-way merge, exactly what git does for a file without a driver (`git merge-file`):
 * clean when the sides touch different lines; otherwise the text carries conflict markers labelled
 * ours/theirs and the file is reported as conflicted.
 */
export function mergeText(sides: DriverSides, cwd: string): DriverOutcome {
  if (sides.ours === sides.theirs) return { text: sides.ours, clean: true };
  if (sides.ours === sides.base) return { text: sides.theirs, clean: true };
  if (sides.theirs === sides.base) return { text: sides.ours, clean: true };
  const dir = mkdtempSync(join(tmpdir(), "sk-merge-"));
  try {
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const paths = [file("ours", sides.ours), file("base", sides.base), file("theirs", sides.theirs)];
    const result = runGit(cwd, ["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", ...paths]);
    if (result.code < 0 || result.code > 127)
      throw new Error(`git merge-file failed: ${result.stderr.trim()}`);
    return { text: result.stdout, clean: result.code === 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
