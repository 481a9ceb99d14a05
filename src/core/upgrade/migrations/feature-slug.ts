/**
 * `feature_*` → `mission_*`: spec-kitty 3.0 and earlier named a mission a feature. meta.json gets
 * `mission_slug`/`mission_number` (from `feature_slug`/`feature_number`, which are dropped), lanes.json
 * `mission_slug`, and WP frontmatter `mission_slug` for `feature_slug`. Event log rows are never
 * rewritten (the log is append-only; readers accept both spellings).
 */

import { parseJson } from "../../fs/text.ts";
import { parseMissionMeta, serializeMissionMeta } from "../../mission/meta-file.ts";
import type { MissionRef } from "../../mission/resolve.ts";
import { editWp, parseWpText } from "../../tasks/wp-file.ts";
import { empty, type Migration, type MigrationOutcome, type UpgradeContext } from "../types.ts";
import { wpFilePaths } from "./wp-paths.ts";

function renameMeta(ctx: UpgradeContext, mission: MissionRef, out: MigrationOutcome): void {
  const path = `kitty-specs/${mission.slug}/meta.json`;
  const text = ctx.overlay.read(path);
  if (text === null) return;
  const meta = parseMissionMeta(text, path) as Record<string, unknown>;
  if (meta.feature_slug === undefined && meta.feature_number === undefined) return;
  const next: Record<string, unknown> = { ...meta };
  if (next.mission_slug === undefined && typeof meta.feature_slug === "string")
    next.mission_slug = meta.feature_slug;
  if (next.mission_number === undefined && meta.feature_number !== undefined)
    next.mission_number = meta.feature_number;
  delete next.feature_slug;
  delete next.feature_number;
  ctx.overlay.write(path, serializeMissionMeta(next as never));
  out.steps.push({
    path,
    action: "update",
    detail: "feature_slug/feature_number → mission_slug/mission_number",
  });
}

function renameLanes(ctx: UpgradeContext, mission: MissionRef, out: MigrationOutcome): void {
  const path = `kitty-specs/${mission.slug}/lanes.json`;
  const text = ctx.overlay.read(path);
  if (text === null) return;
  const lanes = parseJson(text, path) as Record<string, unknown>;
  if (typeof lanes !== "object" || lanes === null || lanes.feature_slug === undefined) return;
  const { feature_slug, ...rest } = lanes;
  const next = rest.mission_slug === undefined ? { mission_slug: feature_slug, ...rest } : rest;
  ctx.overlay.write(path, `${JSON.stringify(next, null, 2)}\n`);
  out.steps.push({ path, action: "update", detail: "feature_slug → mission_slug" });
}

function renameFrontmatter(ctx: UpgradeContext, mission: MissionRef, out: MigrationOutcome): void {
  for (const path of wpFilePaths(ctx, mission)) {
    const text = ctx.overlay.read(path);
    if (text === null) continue;
    const wp = parseWpText(text, `${ctx.root}/${path}`, path);
    if (wp.data.feature_slug === undefined) continue;
    const set: Record<string, unknown> = { feature_slug: undefined };
    if (wp.data.mission_slug === undefined) set.mission_slug = wp.data.feature_slug;
    ctx.overlay.write(path, editWp(wp, { set }));
    out.steps.push({ path, action: "update", detail: "frontmatter feature_slug → mission_slug" });
  }
}

export const featureSlugMigration: Migration = {
  id: "feature_slug_to_mission_slug",
  description:
    "Rename feature_slug/feature_number to mission_slug/mission_number (meta.json, lanes.json, WP files)",
  plan(ctx) {
    const out = empty();
    for (const mission of ctx.missions) {
      renameMeta(ctx, mission, out);
      renameLanes(ctx, mission, out);
      renameFrontmatter(ctx, mission, out);
    }
    return out;
  },
};
