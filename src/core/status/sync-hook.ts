import type { Env } from "../home.ts";
import type { StatusEvent } from "./event.ts";
import type { StatusMission } from "./store.ts";

/**
 * Hands freshly appended events to the sync queue (src/core/sync/queue.ts), which never throws and
 * does nothing when the user is not logged in. Loaded on demand so local-only commands don't pay for
 * the queue module. Without an `env` there is no home directory to find a session in: nothing to do.
 */
export async function notifySync(
  mission: StatusMission,
  events: readonly StatusEvent[],
  env?: Env,
): Promise<void> {
  if (!env || events.length === 0) return;
  try {
    const { queueStatusEvents } = await import("../outbox/queue.ts");
    queueStatusEvents([...events], { mission_slug: mission.slug, mission_id: mission.missionId }, env);
  } catch {
    // The events are already safely in the log; sync is best-effort by design.
  }
}
