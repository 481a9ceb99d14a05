import { monotonicUlid } from "./ulid.ts";

/**
 * Python's `datetime.now(UTC).isoformat()`: microseconds and `+00:00`, the fraction dropped when it
 * is zero. Events are ordered by `(at, event_id)` as strings, so within one process every timestamp
 * is strictly later than the previous one: a chained `move-task` keeps its order on replay.
 */
let lastMicros = 0;

export function nowIso(): string {
  let micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  if (micros <= lastMicros) micros = lastMicros + 1;
  lastMicros = micros;
  return isoFromMicros(micros);
}

export function isoFromMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = micros % 1_000_000;
  return fraction === 0 ? `${base}+00:00` : `${base}.${String(fraction).padStart(6, "0")}+00:00`;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the format of activity-log lines and review-cycle files. */
export function nowSeconds(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

/** ULIDs that increase within a millisecond, so one command's events sort in the order it made them. */
export const newEventId: () => string = monotonicUlid();
