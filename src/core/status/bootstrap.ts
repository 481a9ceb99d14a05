import type { Env } from "../home.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { appendTransitions } from "./emit.ts";
import type { StatusEvent } from "./event.ts";

export const BOOTSTRAP_REASON = "canonical bootstrap";

/**
 * Gives every WP without status its first event: a forced `planned → planned` by `actor` (the
 * original's bootstrap shape, reason "canonical bootstrap"). WPs that already have events are left
 * alone, so running it again adds nothing. status.json is materialised either way. Returns the new
 * events (empty when every WP was already initialised).
 */
export async function bootstrapStatus(
  mission: MissionRef,
  wpIds: string[],
  actor: string,
  /** Pass the command's env so the new events are queued for sync when the user is logged in. */
  env?: Env,
): Promise<StatusEvent[]> {
  return appendTransitions(
    mission,
    (snapshot) =>
      [...new Set(wpIds)]
        .sort()
        .filter((id) => snapshot.work_packages[id] === undefined)
        .map((wpId) => ({
          wpId,
          to: "planned" as const,
          actor,
          force: true,
          reason: BOOTSTRAP_REASON,
          executionMode: "worktree",
        })),
    { env },
  );
}
