/**
 * Missions finished since a point in time, read from `kitty-specs/`: a mission counts once its
 * meta.json has `accepted_at` or `merged_at`. Titles come from the WP files' frontmatter `title`.
 */
import { checkFile } from "../../schema/check.ts";
import { missionReleaseSchema } from "../../schema/release-files.ts";
import { listMissions, type MissionRef } from "../mission/resolve.ts";
import { scanWpFiles } from "../tasks/wp-list.ts";

export type Section = "Added" | "Changed" | "Deprecated" | "Removed" | "Fixed" | "Security";

/** Keep-a-Changelog order. */
export const SECTIONS: readonly Section[] = [
  "Added",
  "Changed",
  "Deprecated",
  "Removed",
  "Fixed",
  "Security",
];

const CHANGE_TYPES: Record<string, Section> = {
  added: "Added",
  add: "Added",
  feature: "Added",
  feat: "Added",
  new: "Added",
  changed: "Changed",
  change: "Changed",
  refactor: "Changed",
  enhancement: "Changed",
  improvement: "Changed",
  deprecated: "Deprecated",
  deprecate: "Deprecated",
  removed: "Removed",
  remove: "Removed",
  fixed: "Fixed",
  fix: "Fixed",
  bugfix: "Fixed",
  bug: "Fixed",
  security: "Security",
};

/** meta.json `change_type` → changelog section; missions that don't say are "Changed". */
export function sectionFor(changeType: string | null | undefined): Section {
  return CHANGE_TYPES[(changeType ?? "").trim().toLowerCase()] ?? "Changed";
}

export interface CompletedMission {
  slug: string;
  friendly_name: string;
  change_type: string | null;
  section: Section;
  completed_at: string;
  work_packages: { id: string; title: string }[];
}

/** WP titles for the changelog; a WP file that cannot be read just contributes no title here. */
function wpTitles(ref: MissionRef): { id: string; title: string }[] {
  return scanWpFiles(ref).wps.map((wp) => ({
    id: wp.id,
    title: wp.data.title ? String(wp.data.title) : wp.id,
  }));
}

/** Missions accepted or merged after `since` (all of them when `since` is null), oldest first. */
export function completedMissions(root: string, since: Date | null): CompletedMission[] {
  const out: CompletedMission[] = [];
  for (const ref of listMissions(root)) {
    // A changelog built past an unreadable mission would silently drop it: refuse instead.
    if (ref.problem) throw ref.problem;
    const facts = checkFile(missionReleaseSchema, ref.meta, `kitty-specs/${ref.slug}/meta.json`);
    const stamps = [facts.accepted_at, facts.merged_at]
      .filter((s): s is string => typeof s === "string" && s !== "")
      .map((s) => ({ s, t: new Date(s).getTime() }))
      .filter(({ t }) => !Number.isNaN(t))
      .sort((a, b) => b.t - a.t);
    const latest = stamps[0];
    if (!latest || (since && latest.t <= since.getTime())) continue;
    const name =
      typeof ref.meta.friendly_name === "string" && ref.meta.friendly_name
        ? ref.meta.friendly_name
        : ref.slug;
    out.push({
      slug: ref.slug,
      friendly_name: name,
      change_type: facts.change_type ?? null,
      section: sectionFor(facts.change_type),
      completed_at: latest.s,
      work_packages: wpTitles(ref),
    });
  }
  return out.sort(
    (a, b) =>
      new Date(a.completed_at).getTime() - new Date(b.completed_at).getTime() || a.slug.localeCompare(b.slug),
  );
}
