import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compareWpIds, WP_ID } from "../../schema/wp-frontmatter.ts";
import { SpecKittyError } from "../errors.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { readWpFile, type WpFile } from "./wp-file.ts";

/** What listing WP files needs to know about a mission. */
export type WpMission = Pick<MissionRef, "dir" | "slug">;

const WP_FILE = new RegExp(`^${WP_ID}(?:[-_.].*)?\\.md$`);
const WP_TOKEN = new RegExp(WP_ID, "g");

/** The mission's WP files (`tasks/WPnn-*.md`), parsed, sorted by id (WP02 < WP10 < WP100). */
export function listWpFiles(mission: WpMission): WpFile[] {
  const dir = join(mission.dir, "tasks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && WP_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => readWpFile(join(dir, name), `kitty-specs/${mission.slug}/tasks/${name}`))
    .sort((a, b) => compareWpIds(a.id, b.id)); // stable: same-id files stay in name order
}

/** One WP's file, or WP_NOT_FOUND listing the WPs that do exist. */
export function findWpFile(mission: WpMission, wpId: string, all = listWpFiles(mission)): WpFile {
  const found = all.find((wp) => wp.id === wpId);
  if (found) return found;
  throw wpNotFound(mission, wpId, all);
}

/** The error for a WP id with no file, naming the WPs that do exist. */
export function wpNotFound(
  mission: WpMission,
  wpId: string,
  known: readonly { id: string }[],
): SpecKittyError {
  return new SpecKittyError("WP_NOT_FOUND", `${wpId} has no file in kitty-specs/${mission.slug}/tasks/`, {
    fix: known.length
      ? `known WPs: ${known.map((wp) => wp.id).join(", ")}`
      : "create WP files with /spec-kitty.tasks first",
    details: { wp_id: wpId, mission_slug: mission.slug },
  });
}

/** A frontmatter value as display text ('' for absent), the way status JSON reports agent/shell_pid. */
export function scalarText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") {
    const name = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).key;
    return typeof name === "string" ? name : JSON.stringify(value);
  }
  return String(value);
}

/** Frontmatter `dependencies` as a list (a `"WP01, WP02"` string is split, as the original coerces it). */
export function dependenciesOf(wp: WpFile): string[] {
  const deps = wp.data.dependencies;
  if (Array.isArray(deps)) return deps.map(String);
  if (typeof deps === "string") return deps.match(WP_TOKEN) ?? [];
  return [];
}
