import type { Annotation, ParsedLog, ReviewResult, StatusEvent } from "./event.ts";
import { STATUS_LANES, type StatusLane } from "./lane.ts";
import { applyAnnotation, carryRuntime, type WpRuntime } from "./runtime.ts";

/**
 * Where the log puts a WP: a status lane, `genesis` (only ever a seed, never shown), or
 * `uninitialized`: a WP known only from annotations, with no lane event yet (spec-kitty 3.2.6).
 */
export type SnapshotLane = StatusLane | "genesis" | "uninitialized";

/** One WP of the reduced log: the five keys of every era, plus 3.2.6 runtime slots when they are set. */
export interface WpState extends WpRuntime {
  actor: string;
  force_count: number;
  lane: SnapshotLane;
  /** Null only for `uninitialized` WPs. */
  last_event_id: string | null;
  last_transition_at: string | null;
  /** The latest review verdict: set by an event carrying one, null after any other exit from in_review. */
  review_result?: ReviewResult | null;
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

/** Raw string order of `(at, event_id)`, never parsed times: `…:00.5+00:00` sorts before `…:00Z`. */
export const byTimeThenId = (
  a: { at: string; event_id: string },
  b: { at: string; event_id: string },
): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;

/**
 * A reviewer sending work back (in_review → in_progress, or the legacy for_review → in_progress with a
 * review reference): it wins a tie with a forward move made at the same instant.
 */
function isRollback(event: StatusEvent): boolean {
  if (event.to_lane !== "in_progress") return false;
  return event.from_lane === "in_review" || (event.from_lane === "for_review" && event.review_ref !== null);
}

/** A mission slug from a log line, only when it is one safe path segment (it is untrusted text). */
function safeSlug(slug: string): string {
  if (slug.trim() === "" || /[/\\]|^\.|\.\.|[^\x20-\x7e]/.test(slug)) return "";
  return slug;
}

interface Tracked extends WpState {
  rollbackAt: string | null;
}

/**
 * The fold at the heart of the reducer, fed one lane event at a time in replay order. It keeps only the
 * per-WP state and the ids seen (for dedupe), never the events, so a 100k-event log can be reduced
 * while it is read. `add` reports `false` when an event sorts before the previous one: the caller
 * must then fall back to `reduce` over the whole log, which sorts first. Annotations are collected and
 * folded last, in `(at, event_id)` order and without dedupe, exactly as spec-kitty 3.2.6 does.
 */
export class Folder {
  private readonly seen = new Set<string>();
  private readonly wps = new Map<string, Tracked>();
  private readonly annotations: Annotation[] = [];
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
    const previous = this.wps.get(event.wp_id);
    const rollback = isRollback(event);
    // Tie rule: once a rollback is applied at instant T, a forward event at the same T does not undo it.
    if (previous && previous.rollbackAt === event.at && !rollback) return true;
    const state: Tracked = {
      ...carryRuntime(previous, event),
      actor: event.actor,
      force_count: (previous?.force_count ?? 0) + (event.force ? 1 : 0),
      lane: event.to_lane,
      last_event_id: event.event_id,
      last_transition_at: event.at,
      rollbackAt: rollback ? event.at : null,
    };
    if ((event.review_result ?? null) !== null || event.from_lane === "in_review")
      state.review_result = event.review_result ?? null;
    else if (previous && "review_result" in previous) state.review_result = previous.review_result;
    this.wps.set(event.wp_id, state);
    return true;
  }

  annotate(annotation: Annotation): void {
    this.annotations.push(annotation);
  }

  snapshot(): StatusSnapshot {
    const states = new Map<string, WpState>();
    for (const [id, tracked] of this.wps) {
      const { rollbackAt: _internal, ...state } = tracked;
      states.set(id, state);
    }
    for (const note of [...this.annotations].sort(byTimeThenId)) {
      let state = states.get(note.wp_id);
      if (!state) {
        state = {
          actor: note.actor,
          force_count: 0,
          lane: "uninitialized",
          last_event_id: null,
          last_transition_at: null,
        };
        states.set(note.wp_id, state);
      } else state = { ...state };
      applyAnnotation(state, note.delta);
      states.set(note.wp_id, state);
    }
    const summary = Object.fromEntries(STATUS_LANES.map((lane) => [lane, 0])) as Record<StatusLane, number>;
    const work_packages: Record<string, WpState> = {};
    for (const id of [...states.keys()].sort()) {
      const state = states.get(id) as WpState;
      work_packages[id] = state;
      if (state.lane in summary) summary[state.lane as StatusLane]++;
    }
    return {
      event_count: this.count,
      last_event_id: this.last?.event_id ?? null,
      materialized_at: this.last?.at ?? "",
      mission_slug: safeSlug(this.first?.mission_slug ?? ""),
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
export function reduce(
  events: readonly StatusEvent[],
  annotations: readonly Annotation[] = [],
): StatusSnapshot {
  const folder = new Folder();
  for (const event of orderEvents(events)) folder.add(event);
  for (const annotation of annotations) folder.annotate(annotation);
  return folder.snapshot();
}

/** `reduce` over a parsed log (its lane events and annotations). */
export function reduceLog(log: ParsedLog): StatusSnapshot {
  return reduce(log.events, log.annotations);
}

/** Whether the log has moved this WP into a status lane (a seed or annotations alone do not count). */
export function hasLane(state: WpState | undefined): state is WpState & { lane: StatusLane } {
  return state !== undefined && state.lane !== "genesis" && state.lane !== "uninitialized";
}

/**
 * The lane of one WP after replay; `planned` when it has no lane event yet (or only a `genesis` seed
 * or annotations): the emit pipeline's default, and what the board shows for such a WP.
 */
export function laneOf(snapshot: StatusSnapshot, wpId: string): StatusLane {
  const state = snapshot.work_packages[wpId];
  return hasLane(state) ? state.lane : "planned";
}
