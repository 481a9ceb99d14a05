import type { StatusEvent } from "./event.ts";
import type { StatusMission } from "./store.ts";

/**
 * Hands freshly appended events to the sync queue. The queue (src/core/sync/queue.ts) is optional
 * here: until it exists, or when it is absent from a build, this is a no-op. It never throws, because
 * the events are already safely in the log and sync is best-effort.
 */
export async function notifySync(_mission: StatusMission, _events: readonly StatusEvent[]): Promise<void> {
  // TODO(lead): call queueStatusEvents(events, { mission_slug, mission_id }) once src/core/sync/queue.ts exists.
}
