/** Two mission folders with the same display number (e.g. created at once in two clones). */
import { listMissions } from "../mission/resolve.ts";
import type { DoctorContext, Finding } from "./types.ts";

export function checkMissionNumbers(ctx: DoctorContext): Finding[] {
  let slugs: string[];
  try {
    slugs = listMissions(ctx.root).map((m) => m.slug);
  } catch {
    return [];
  }
  const byNumber = new Map<number, string[]>();
  for (const slug of slugs) {
    const lead = /^(\d+)-/.exec(slug)?.[1];
    if (lead === undefined) continue;
    byNumber.set(Number(lead), [...(byNumber.get(Number(lead)) ?? []), slug]);
  }
  return [...byNumber]
    .filter(([, list]) => list.length > 1)
    .map(([n, list]) => ({
      check: "mission_numbers" as const,
      severity: "warning" as const,
      message: `missions ${list.join(" and ")} share the number ${String(n).padStart(3, "0")}; numbers are only for display (mission_id is the identity), but rename one to tell them apart`,
      subject: `kitty-specs/${list[1]}`,
      fix: `git mv kitty-specs/${list[1]} kitty-specs/<new-number>-${(list[1] as string).replace(/^\d+-/, "")}`,
    }));
}
