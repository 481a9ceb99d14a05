import type { StatusEvent } from "./event.ts";
import { STATUS_LANES, type StatusLane } from "./lane.ts";

export interface WpState {
  actor: string;
  force_count: number;
  lane: StatusLane;
  last_event_id: string;
  last_transition_at: string;
}

/** What the log says now. `status.json` is this plus mission_number/mission_type from meta.json. */
export interface StatusSnapshot {
  event_count: number;
  last_event_id: string | null;
  materialized_at: string;
  mission_slug: string;
  summary: Record<StatusLane, number>;
  work_packages: Record<string, WpState>;
}

const byTimeThenId = (a: StatusEvent, b: StatusEvent): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;

/** A reviewer sending work back: it wins a tie with a forward move made at the same instant. */
function isRollback(event: StatusEvent): boolean {
  return event.from_lane === "for_review" && event.to_lane === "in_progress" && event.review_ref !== null;
}

/**
 * The fold at the heart of the reducer, fed one event at a time in replay order. It keeps only the
 * per-WP state and the ids seen (for dedupe), never the events, so a 100k-event log can be reduced
 * while it is read. `add` reports `false` when an event sorts before the previous one: the caller
 * must then fall back to `reduce` over the whole log, which sorts first.
 */
export class Folder {
  private readonly seen = new Set<string>();
  private readonly wps = new Map<string, WpState & { rollbackAt: string | null }>();
  private count = 0;
  private first: StatusEvent | undefined;
  private last: StatusEvent | undefined;

  add(event: StatusEvent): boolean {
    if (this.seen.has(event.event_id)) return true; // duplicates (e.g. after a union merge): first wins
    if (this.last && byTimeThenId(this.last, event) > 0) return false;
    this.seen.add(event.event_id);
    this.count++;
    this.first ??= event;
    this.last = event;
    const state = this.wps.get(event.wp_id);
    const rollback = isRollback(event);
    if (!state) {
      this.wps.set(event.wp_id, {
        actor: event.actor,
        force_count: event.force ? 1 : 0,
        lane: event.to_lane,
        last_event_id: event.event_id,
        last_transition_at: event.at,
        rollbackAt: rollback ? event.at : null,
      });
      return true;
    }
    // Tie rule: once a rollback is applied at instant T, a forward event at the same T does not undo it.
    if (state.rollbackAt === event.at && !rollback) return true;
    state.actor = event.actor;
    state.force_count += event.force ? 1 : 0;
    state.lane = event.to_lane;
    state.last_event_id = event.event_id;
    state.last_transition_at = event.at;
    state.rollbackAt = rollback ? event.at : null;
    return true;
  }

  snapshot(): StatusSnapshot {
    const summary = Object.fromEntries(STATUS_LANES.map((lane) => [lane, 0])) as Record<StatusLane, number>;
    const work_packages: Record<string, WpState> = {};
    for (const id of [...this.wps.keys()].sort()) {
      const { rollbackAt: _internal, ...state } = this.wps.get(id) as WpState & { rollbackAt: string | null };
      work_packages[id] = state;
      summary[state.lane]++;
    }
    return {
      event_count: this.count,
      last_event_id: this.last?.event_id ?? null,
      materialized_at: this.last?.at ?? "",
      mission_slug: this.first?.mission_slug ?? "",
      summary,
      work_packages,
    };
  }
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
  const folder = new Folder();
  for (const event of orderEvents(events)) folder.add(event);
  return folder.snapshot();
}

/** The lane of one WP after replay; `planned` when it has no events (the emit pipeline's default). */
export function laneOf(snapshot: StatusSnapshot, wpId: string): StatusLane {
  return snapshot.work_packages[wpId]?.lane ?? "planned";
}
