/** Two mission folders with the same display number (e.g. created at once in two clones). */
import { duplicateNumbers } from "../mission/number.ts";
import type { DoctorContext, Finding } from "./types.ts";

export function checkMissionNumbers(ctx: DoctorContext): Finding[] {
  let clashes: Map<number, string[]>;
  try {
    clashes = duplicateNumbers(ctx.root);
  } catch {
    return [];
  }
  return [...clashes].map(([n, list]) => ({
    check: "mission_numbers" as const,
    severity: "warning" as const,
    message: `missions ${list.join(" and ")} share the number ${String(n).padStart(3, "0")}; numbers are only for display (mission_id is the identity), but renumber one to tell them apart`,
    subject: `kitty-specs/${list[1]}`,
    fix: `spec-kitty mission renumber --mission ${list[1]}`,
  }));
}
