import { nowSeconds } from "../clock.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { withStatusLock } from "../project.ts";
import { editWp } from "./wp-file.ts";
import { findWpFile, scalarText } from "./wp-list.ts";

/**
 * Appends one Activity Log line to a WP file (no lane change). Under the status lock, because
 * move-task edits the same file under it.
 */
export function addHistory(
  mission: Pick<MissionRef, "root" | "dir" | "slug">,
  wpId: string,
  note: string,
  agent?: string,
  shellPid?: string,
): Promise<string> {
  return withStatusLock(mission.root, () => {
    const wp = findWpFile(mission, wpId);
    const who = agent || scalarText(wp.data.agent) || "user";
    const activity = {
      at: nowSeconds(),
      actor: who,
      shellPid: shellPid ?? scalarText(wp.data.shell_pid),
      note,
    };
    writeFileAtomic(containedPath(mission.root, wp.path), editWp(wp, { activity }));
    return wp.path;
  });
}
