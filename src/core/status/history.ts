import { writeFileAtomic } from "../fs/atomic.ts";
import { activityLine, appendActivity } from "./activity.ts";
import { nowSeconds } from "./clock.ts";
import { type StatusMission, withStatusLock } from "./store.ts";
import { findWpFile, scalarText } from "./work-packages.ts";

/**
 * Appends one Activity Log line to a WP file (no lane change). Under the status lock, because
 * move-task edits the same file under it.
 */
export function addHistory(
  mission: StatusMission,
  wpId: string,
  note: string,
  agent?: string,
  shellPid?: string,
): Promise<string> {
  return withStatusLock(mission, () => {
    const wp = findWpFile(mission, wpId);
    const who = agent || scalarText(wp.data.agent) || "user";
    const line = activityLine(nowSeconds(), who, shellPid ?? scalarText(wp.data.shell_pid), note);
    writeFileAtomic(wp.path, `${wp.head}${wp.yamlText}${appendActivity(wp.tail, line)}`);
    return wp.path;
  });
}
