/**
 * Display numbers (`NNN`) for missions. Identity is the ULID; the number is for people. A checkout
 * picks the next one under the repository lock, looking also at the missions the last fetch brought
 * from the remote (no network), so clones that pull before creating do not collide; two clones that
 * create missions while apart still can, and `duplicateNumbers` finds those (board, doctor) for
 * `spec-kitty mission renumber` to fix.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defaultRemote } from "../git/remote.ts";
import { GitMissingError, type GitOptions, type GitResult, runGit } from "../git/run.ts";
import { missionDirsIn, specsDir } from "./resolve.ts";

const LEAD = /^(\d{3,})-/;

/** The mission directory names on `<remote>/<branch>` as the last fetch saw them (none without one). */
export function remoteMissionNames(root: string, branch: string | null, options: GitOptions = {}): string[] {
  if (!branch) return [];
  let r: GitResult;
  try {
    const remote = defaultRemote(root, branch, options);
    if (!remote) return [];
    r = runGit(root, ["ls-tree", "--name-only", `refs/remotes/${remote}/${branch}`, "kitty-specs/"], options);
  } catch (error) {
    if (error instanceof GitMissingError) return []; // no git: no remote either
    throw error;
  }
  if (r.code !== 0) return [];
  return r.stdout
    .split("\n")
    .map((line) => line.trim().replace(/^kitty-specs\//, ""))
    .filter((name) => name !== "");
}

/** Highest leading number among `kitty-specs/` and `.worktrees/` directories and `extra` names, plus one. */
export function nextMissionNumber(root: string, extra: readonly string[] = []): string {
  let max = 0;
  const names = [...extra];
  for (const base of [join(root, "kitty-specs"), join(root, ".worktrees")]) {
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true }))
      if (entry.isDirectory()) names.push(entry.name);
  }
  for (const name of names) {
    const lead = LEAD.exec(name)?.[1];
    if (lead !== undefined) max = Math.max(max, Number(lead));
  }
  return String(max + 1).padStart(3, "0");
}

/** The display number a mission directory name starts with (`012-x` → 12), or null. */
export function missionNumberOf(name: string): number | null {
  const lead = LEAD.exec(name)?.[1];
  return lead === undefined ? null : Number(lead);
}

/** Missions sharing a display number: number → their directory names (only numbers used twice or more). */
export function duplicateNumbers(root: string): Map<number, string[]> {
  const byNumber = new Map<number, string[]>();
  for (const name of missionDirsIn(specsDir(root))) {
    const number = missionNumberOf(name);
    if (number === null) continue;
    byNumber.set(number, [...(byNumber.get(number) ?? []), name]);
  }
  return new Map([...byNumber].filter(([, names]) => names.length > 1));
}
