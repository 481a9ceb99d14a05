/**
 * Lane state from before the event log → the event log. spec-kitty 0.x kept WP files in lane folders
 * (`tasks/doing/WP02-x.md`), 1.x–2.x in a frontmatter `lane:` key; since 3.0 `status.events.jsonl` is
 * the only truth. For a mission with no event log yet, every WP gets one event to the lane it is in
 * (the folder wins over a disagreeing frontmatter, as upstream's own migration decided); files move to
 * `tasks/`, and the now-stale `lane:` key is dropped from every WP of a mission whose log holds its
 * state. A WP file name that exists both flat and in a lane folder is a clash: that mission is left
 * as it is and reported.
 */
import { join } from "node:path";
import type { MissionRef } from "../../mission/resolve.ts";
import { normalizeLane, type StatusLane } from "../../status/lane.ts";
import { editWp, parseWpText, wpIdFromFilename } from "../../tasks/wp-file.ts";
import { scalarText } from "../../tasks/wp-list.ts";
import { empty, type Migration, type MigrationOutcome, type UpgradeContext } from "../types.ts";
import { LANE_FOLDERS, wpFilePaths } from "./wp-paths.ts";

export const MIGRATED_REASON = "migrated from the pre-event-log lane";

interface LegacyWp {
  path: string;
  /** The file says where it is: a lane folder or a `lane:` key (a 3.x WP before finalize says neither). */
  legacy: boolean;
  /** Where the file goes: `tasks/<name>`. */
  target: string;
  id: string;
  lane: StatusLane;
  text: string;
}

function readLegacy(ctx: UpgradeContext, mission: MissionRef, path: string): LegacyWp {
  const text = ctx.overlay.read(path) as string;
  const wp = parseWpText(text, join(ctx.root, path), path);
  const parts = path.split("/");
  const name = parts[parts.length - 1] as string;
  const folder = parts.length === 5 ? (parts[3] as string) : null;
  const declared = scalarText(wp.data.lane);
  const lane = normalizeLane(folder ?? declared) ?? "planned";
  return {
    path,
    legacy: folder !== null || declared !== "",
    target: `kitty-specs/${mission.slug}/tasks/${name}`,
    id: wpIdFromFilename(name, path),
    lane,
    text,
  };
}

/** Drops `lane:` from a WP file's text (the body and every other key as they were). */
function withoutLaneKey(path: string, text: string, root: string): string {
  const wp = parseWpText(text, join(root, path), path);
  return wp.data.lane === undefined ? text : editWp(wp, { set: { lane: undefined } });
}

export function planMissionLanes(ctx: UpgradeContext, mission: MissionRef, out: MigrationOutcome): void {
  const paths = wpFilePaths(ctx, mission);
  if (paths.length === 0) return;
  const wps = paths.map((path) => readLegacy(ctx, mission, path));
  const clashes = wps.filter(
    (wp) => wp.path !== wp.target && wps.some((o) => o.path === o.target && o.target === wp.target),
  );
  const twice = wps.filter((wp, i) => wps.findIndex((o) => o.id === wp.id) !== i);
  if (clashes.length || twice.length) {
    for (const wp of [...clashes, ...twice])
      out.conflicts.push({
        path: wp.path,
        reason: `${wp.id} has more than one file; this mission's lanes were not migrated`,
      });
    return;
  }
  // Any event line at all: the log already holds the state (its rows are not parsed here).
  const hasLog = /\S/.test(ctx.overlay.read(`kitty-specs/${mission.slug}/status.events.jsonl`) ?? "");
  // Without a log, only a mission whose files carry lanes is pre-event-log; a 3.x mission whose WPs
  // were written but not finalized yet gets its first events from finalize-tasks, not from here.
  if (!hasLog && wps.some((wp) => wp.legacy)) {
    for (const wp of wps) {
      out.events.push({
        mission,
        wpId: wp.id,
        to: wp.lane,
        reason: wp.lane === "planned" ? "canonical bootstrap" : `${MIGRATED_REASON} (${wp.lane})`,
      });
    }
    out.steps.push({
      path: `kitty-specs/${mission.slug}/status.events.jsonl`,
      action: "event",
      detail: wps.map((wp) => `${wp.id}→${wp.lane}`).join(", "),
    });
  }
  for (const wp of wps) {
    const text = withoutLaneKey(wp.path, wp.text, ctx.root);
    if (wp.path !== wp.target) {
      ctx.overlay.delete(wp.path);
      ctx.overlay.write(wp.target, text);
      out.steps.push({
        path: wp.path,
        action: "move",
        detail: `to ${wp.target}${text === wp.text ? "" : ", lane: dropped"}`,
      });
    } else if (text !== wp.text) {
      ctx.overlay.write(wp.path, text);
      out.steps.push({
        path: wp.path,
        action: "update",
        detail: "stale frontmatter lane: dropped (the event log holds the lane)",
      });
    }
  }
  // Empty placeholders left in the lane folders go too; anything else in them stays.
  for (const lane of LANE_FOLDERS) {
    const folder = `kitty-specs/${mission.slug}/tasks/${lane}`;
    for (const name of ctx.overlay.listDir(folder)) {
      if (name === ".gitkeep" && ctx.overlay.read(`${folder}/${name}`) === "") {
        ctx.overlay.delete(`${folder}/${name}`);
        out.steps.push({
          path: `${folder}/${name}`,
          action: "delete",
          detail: "empty lane-folder placeholder",
        });
      }
    }
  }
}

export const laneEventsMigration: Migration = {
  id: "lane_state_to_event_log",
  description:
    "Move lane folders and frontmatter lane: into the status event log (files flattened into tasks/)",
  plan(ctx) {
    const out = empty();
    for (const mission of ctx.missions) planMissionLanes(ctx, mission, out);
    return out;
  },
};
