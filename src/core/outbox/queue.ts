import { existsSync } from "node:fs";
import { type Env, homePaths } from "../home.ts";
import { EventQueue, type NewEvent } from "./store.ts";

export interface QueueContext {
  mission_slug: string;
  mission_id: string | null;
}

/** The envelope a status transition travels in (the original's `WPStatusChanged` event shape). */
export function statusEnvelope(event: Record<string, unknown>, ctx: QueueContext): NewEvent | null {
  const eventId = event.event_id;
  if (typeof eventId !== "string" || eventId === "") return null;
  const at = typeof event.at === "string" ? event.at : new Date().toISOString();
  const payload: Record<string, unknown> = { ...event, mission_slug: ctx.mission_slug };
  // Absent rather than null for legacy missions, as the original does for mission_id.
  if (ctx.mission_id) payload.mission_id = ctx.mission_id;
  const envelope = {
    event_id: eventId,
    event_type: "WPStatusChanged",
    aggregate_id: typeof event.wp_id === "string" ? event.wp_id : ctx.mission_slug,
    aggregate_type: "WorkPackage",
    schema_version: "3.0.0",
    payload,
    timestamp: at,
  };
  const seconds = Math.floor((Date.parse(at) || Date.now()) / 1000);
  return { eventId, eventType: "WPStatusChanged", data: JSON.stringify(envelope), timestamp: seconds };
}

/**
 * Called by the status store after every successful append. Queues the events for `sync now` when a
 * session exists; otherwise does nothing. It NEVER throws: sync must never fail or block a local
 * command, so a broken or busy queue database only means these events are not queued.
 */
export function queueStatusEvents(events: object[], ctx: QueueContext, env: Env): void {
  try {
    if (events.length === 0) return;
    const paths = homePaths(env);
    // No credentials file = not logged in: skip without opening SQLite (keeps local commands fast).
    if (!existsSync(paths.credentials)) return;
    const rows = events
      .map((event) => statusEnvelope(event as Record<string, unknown>, ctx))
      .filter((row): row is NewEvent => row !== null);
    if (rows.length === 0) return;
    // A short busy timeout: if `sync now` holds the write lock, waiting long would block the command.
    const queue = EventQueue.open(paths.queueDb, 1_000);
    try {
      queue.enqueue(rows);
    } finally {
      queue.close();
    }
  } catch {
    // Deliberately swallowed (see above).
  }
}
