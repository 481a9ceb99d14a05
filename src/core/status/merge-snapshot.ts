/**
 * The git merge driver for `status.json`. git runs drivers one file at a time with only that file's
 * three versions, so the merged event log is out of reach; but both sides' snapshots are reductions of
 * logs that share the base's events, and the reduction of their union follows from them: each WP's
 * state is the side whose last event sorts later (by `(at, event_id)`, the reducer's order), and the
 * counts of the union are ours + theirs − base. The result is what materialising the merged log gives
 * (a same-instant tie between two clones, or 3.2.6 annotations, can leave it stale: status.json is
 * never trusted, `agent status validate` reports it and the next status write rewrites it).
 */
import { sortKeysDeep } from "../pyjson.ts";

type Json = Record<string, unknown>;

function parse(text: string): Json {
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {}; // conflict markers or a torn file: derived data, rebuilt from the other side and the log
  }
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const count = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const object = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};

/** Positive when `a` was set by an event sorting after `b`'s (raw string order, as the reducer). */
function later(a: Json, b: Json, at: string, id: string): number {
  const [atA, atB] = [text(a[at]), text(b[at])];
  if (atA !== atB) return atA > atB ? 1 : -1;
  const [idA, idB] = [text(a[id]), text(b[id])];
  return idA === idB ? 0 : idA > idB ? 1 : -1;
}

/** The union's count: every event of the base is on both sides, so it is counted once. */
function unionCount(ours: unknown, theirs: unknown, base: unknown): number {
  const [o, t, b] = [count(ours), count(theirs), count(base)];
  return Math.max(o, t, o + t - b);
}

function mergeWps(ours: Json, theirs: Json, base: Json): Json {
  const merged: Json = {};
  for (const id of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort()) {
    const o = ours[id] === undefined ? null : object(ours[id]);
    const t = theirs[id] === undefined ? null : object(theirs[id]);
    const b = object(base[id]);
    if (o === null || t === null) {
      merged[id] = o ?? t;
      continue;
    }
    const winner = later(t, o, "last_transition_at", "last_event_id") > 0 ? t : o;
    merged[id] = { ...winner, force_count: unionCount(o.force_count, t.force_count, b.force_count) };
  }
  return merged;
}

/** The merged status.json text (sorted keys, 2-space indent, trailing newline: materialize's bytes). */
export function mergeStatusSnapshots(baseText: string, oursText: string, theirsText: string): string {
  const [base, ours, theirs] = [parse(baseText), parse(oursText), parse(theirsText)];
  const newest = later(theirs, ours, "materialized_at", "last_event_id") > 0 ? theirs : ours;
  const wps = mergeWps(object(ours.work_packages), object(theirs.work_packages), object(base.work_packages));
  const summary: Record<string, number> = {};
  for (const lane of Object.keys({ ...object(theirs.summary), ...object(ours.summary) })) summary[lane] = 0;
  for (const state of Object.values(wps)) {
    const lane = text(object(state).lane);
    if (lane in summary) summary[lane] = (summary[lane] ?? 0) + 1;
  }
  const merged: Json = {
    ...theirs,
    ...ours,
    event_count: unionCount(ours.event_count, theirs.event_count, base.event_count),
    last_event_id: newest.last_event_id ?? null,
    materialized_at: newest.materialized_at ?? "",
    summary,
    work_packages: wps,
  };
  return `${JSON.stringify(sortKeysDeep(merged), null, 2)}\n`;
}
