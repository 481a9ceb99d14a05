import type { StatusEvent } from "./event.ts";
import { LANES, type Lane } from "./lanes.ts";

export interface WpState {
  actor: string;
  force_count: number;
  lane: Lane;
  last_event_id: string;
  last_transition_at: string;
}

/** What the log says now. `status.json` is this plus mission_number/mission_type from meta.json. */
export interface StatusSnapshot {
  event_count: number;
  last_event_id: string | null;
  materialized_at: string;
  mission_slug: string;
  summary: Record<Lane, number>;
  work_packages: Record<string, WpState>;
}

const byTimeThenId = (a: StatusEvent, b: StatusEvent): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;

/** A reviewer sending work back: it wins a tie with a forward move made at the same instant. */
function isRollback(event: StatusEvent): boolean {
  return event.from_lane === "for_review" && event.to_lane === "in_progress" && event.review_ref !== null;
}

/**
 * Events in replay order: duplicates (same `event_id`, e.g. after a union merge) dropped keeping the
 * first, then sorted by `(at, event_id)`. Logs are normally appended in order, so the sort is skipped
 * when the input already is.
 */
export function orderEvents(events: readonly StatusEvent[]): StatusEvent[] {
  const seen = new Set<string>();
  const unique: StatusEvent[] = [];
  let sorted = true;
  for (const event of events) {
    if (seen.has(event.event_id)) continue;
    seen.add(event.event_id);
    const prev = unique[unique.length - 1];
    if (prev && byTimeThenId(prev, event) > 0) sorted = false;
    unique.push(event);
  }
  return sorted ? unique : unique.sort(byTimeThenId);
}

/** Folds the log into each WP's current state. Pure: same events in, same snapshot out. */
export function reduce(events: readonly StatusEvent[]): StatusSnapshot {
  const ordered = orderEvents(events);
  const wps: Record<string, WpState> = {};
  const rollbackAt = new Map<string, string>();
  for (const event of ordered) {
    const prev = wps[event.wp_id];
    // Tie rule: once a rollback is applied at instant T, a forward event at the same T does not undo it.
    if (prev && rollbackAt.get(event.wp_id) === event.at && !isRollback(event)) continue;
    if (isRollback(event)) rollbackAt.set(event.wp_id, event.at);
    else rollbackAt.delete(event.wp_id);
    wps[event.wp_id] = {
      actor: event.actor,
      force_count: (prev?.force_count ?? 0) + (event.force ? 1 : 0),
      lane: event.to_lane,
      last_event_id: event.event_id,
      last_transition_at: event.at,
    };
  }
  const summary = Object.fromEntries(LANES.map((lane) => [lane, 0])) as Record<Lane, number>;
  const sortedWps: Record<string, WpState> = {};
  for (const id of Object.keys(wps).sort()) {
    const state = wps[id] as WpState;
    sortedWps[id] = state;
    summary[state.lane]++;
  }
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  return {
    event_count: ordered.length,
    last_event_id: last?.event_id ?? null,
    materialized_at: last?.at ?? "",
    mission_slug: first?.mission_slug ?? "",
    summary,
    work_packages: sortedWps,
  };
}

/** The lane of one WP after replay; `planned` when it has no events (the emit pipeline's default). */
export function laneOf(snapshot: StatusSnapshot, wpId: string): Lane {
  return snapshot.work_packages[wpId]?.lane ?? "planned";
}
