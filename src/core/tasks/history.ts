import { checkActor, defaultActor } from "../actor.ts";
import { nowSeconds } from "../clock.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import type { Env } from "../home.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { withStatusLock } from "../project.ts";
import { editWp } from "./wp-file.ts";
import { findWpFile, scalarText } from "./wp-list.ts";

export interface HistoryOptions {
  /** `--agent` as given: checked here like move-task's. Omitted: the WP's agent, else `defaultActor`. */
  agent?: string;
  /** Skip the agent-tool rule (the safety check stays): orchestrator-api's actor is its caller's. */
  force?: boolean;
  /** Already checked by the command (`checkShellPid`): digits. */
  shellPid?: string;
  /** For the person `defaultActor` falls back to. */
  env?: Env;
}

/**
 * Appends one Activity Log line to a WP file (no lane change). Under the status lock, because
 * move-task edits the same file under it.
 */
export function addHistory(
  mission: Pick<MissionRef, "root" | "dir" | "slug">,
  wpId: string,
  note: string,
  options: HistoryOptions = {},
): Promise<string> {
  const named =
    options.agent === undefined
      ? undefined
      : checkActor(options.agent, { root: mission.root, force: options.force });
  return withStatusLock(mission.root, () => {
    const wp = findWpFile(mission, wpId);
    const who = named ?? (scalarText(wp.data.agent) || defaultActor(mission.root, options.env));
    const activity = {
      at: nowSeconds(),
      actor: who,
      shellPid: options.shellPid ?? scalarText(wp.data.shell_pid),
      note,
    };
    writeFileAtomic(containedPath(mission.root, wp.path), editWp(wp, { activity }));
    return wp.path;
  });
}
