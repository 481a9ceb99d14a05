import type { Env } from "../home.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { appendTransitions } from "./emit.ts";
import type { StatusEvent } from "./event.ts";
import type { StatusLane } from "./lane.ts";
import { hasLane } from "./reducer.ts";

export const BOOTSTRAP_REASON = "canonical bootstrap";

/**
 * Gives every WP without status its first event: a forced `planned → planned` by `actor` (spec-kitty
 * 3.1's bootstrap shape, reason "canonical bootstrap", which every reader from 3.1.1 on replays; 3.2's
 * `genesis → planned` seed is deliberately not written, because 3.1.x readers refuse the whole log
 * for it). A WP of a mission from before the event log starts in its legacy lane instead (`legacy`:
 * lane folder or frontmatter `lane:`), with one forced `planned → <lane>`. WPs that already have
 * events are left alone, so running it again adds nothing. status.json is materialised either way.
 * Returns the new events (empty when every WP was already initialised).
 */
export async function bootstrapStatus(
  mission: MissionRef,
  wpIds: string[],
  actor: string,
  /** Pass the command's env so the new events are queued for sync when the user is logged in. */
  env?: Env,
  legacy: Readonly<Record<string, StatusLane>> = {},
): Promise<StatusEvent[]> {
  return appendTransitions(
    mission,
    (snapshot) =>
      [...new Set(wpIds)]
        .sort()
        .filter((id) => !hasLane(snapshot.work_packages[id]))
        .map((wpId) => {
          const lane = legacy[wpId] ?? "planned";
          return {
            wpId,
            to: lane,
            actor,
            force: true,
            reason: lane === "planned" ? BOOTSTRAP_REASON : `${BOOTSTRAP_REASON}: legacy lane ${lane}`,
            executionMode: "worktree",
          };
        }),
    { env },
  );
}
