/**
 * Display numbers (`NNN`) for new missions. Identity is the ULID; the number only has to be unique
 * within one checkout, which the repository lock guarantees (see createMission).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Highest leading 3-digit number among directories of `kitty-specs/` and `.worktrees/`, plus one. */
export function nextMissionNumber(root: string): string {
  let max = 0;
  for (const base of [join(root, "kitty-specs"), join(root, ".worktrees")]) {
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const lead = /^(\d{3,})-/.exec(entry.name)?.[1];
      if (lead !== undefined) max = Math.max(max, Number(lead));
    }
  }
  return String(max + 1).padStart(3, "0");
}
