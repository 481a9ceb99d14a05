/** WP files of a mission wherever a spec-kitty era put them: `tasks/` and the legacy `tasks/<lane>/`. */

import type { MissionRef } from "../../mission/resolve.ts";
import { STATUS_LANES } from "../../status/lane.ts";
import type { UpgradeContext } from "../types.ts";

/** Lane folder names spec-kitty 0.x–2.x used under tasks/ (`doing` is in_progress). */
export const LANE_FOLDERS: readonly string[] = [...STATUS_LANES, "doing"];

const WP_FILE = /^WP\d+.*\.md$/i;

/** Project-relative paths, flat files first, then each lane folder's. */
export function wpFilePaths(ctx: UpgradeContext, mission: MissionRef): string[] {
  const tasks = `kitty-specs/${mission.slug}/tasks`;
  const flat = ctx.overlay
    .listDir(tasks)
    .filter((name) => WP_FILE.test(name))
    .map((name) => `${tasks}/${name}`);
  const foldered = LANE_FOLDERS.flatMap((lane) =>
    ctx.overlay
      .listDir(`${tasks}/${lane}`)
      .filter((name) => WP_FILE.test(name))
      .map((name) => `${tasks}/${lane}/${name}`),
  );
  return [...flat, ...foldered];
}
