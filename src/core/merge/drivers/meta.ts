/**
 * `merge-driver-meta`: meta.json, merged key by key. spec-kitty 3.2.6 does a 2-way merge: the mission
 * branch's keys, except the ones the target assigns at accept/merge time (acceptance provenance, the
 * merge number, `merged_*`), which come from the target; `acceptance_history` is unioned. We do the
 * same wherever both sides changed a key, but 3-way: a key only one side changed since the common
 * ancestor keeps that change (upstream's 2-way merge would drop a target-side edit of any other key).
 */
import type { MissionMeta } from "../../../schema/meta.ts";
import { serializeMissionMeta } from "../../mission/meta-file.ts";
import { type DriverOutcome, type DriverSides, type Json, parseObject, sameJson } from "./three-way.ts";

/** Keys the target side (ours) decides when both sides changed them. */
const TARGET_KEYS: ReadonlySet<string> = new Set([
  "accepted_at",
  "accepted_by",
  "accepted_from_commit",
  "acceptance_mode",
  "accept_commit",
  "vcs",
  "vcs_locked_at",
  "mission_number",
  "status",
  "baseline_merge_commit",
  "merged_at",
  "merged_by",
  "merged_into",
  "merged_strategy",
  "merged_push",
  "merged_commit",
]);

const HISTORY = "acceptance_history";

/** Both histories, each entry once (by content), ordered by (accepted_at, accepted_by). */
function unionHistory(...lists: Json[]): Json[] {
  const seen = new Map<string, Json>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const key = JSON.stringify(
        entry,
        entry && typeof entry === "object" ? Object.keys(entry).sort() : undefined,
      );
      if (!seen.has(key)) seen.set(key, entry);
    }
  }
  const field = (entry: Json, name: string) => String((entry as Record<string, Json> | null)?.[name] ?? "");
  return [...seen.values()].sort(
    (a, b) =>
      field(a, "accepted_at").localeCompare(field(b, "accepted_at")) ||
      field(a, "accepted_by").localeCompare(field(b, "accepted_by")),
  );
}

export function mergeMeta(sides: DriverSides): DriverOutcome {
  const base = parseObject(sides.base, "base meta.json");
  const ours = parseObject(sides.ours, "our meta.json");
  const theirs = parseObject(sides.theirs, "their meta.json");
  const merged: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)])) {
    if (key === HISTORY) continue;
    const [b, o, t] = [base[key], ours[key], theirs[key]];
    let value: Json;
    if (sameJson(o, t) || sameJson(b, o)) value = t;
    else if (sameJson(b, t)) value = o;
    // Changed on both sides: the target's value for the keys it assigns, the mission's for the rest.
    else value = TARGET_KEYS.has(key) ? (o === undefined ? t : o) : t === undefined ? o : t;
    if (value !== undefined) merged[key] = value;
  }
  const history = unionHistory(theirs[HISTORY], ours[HISTORY]);
  if (history.length > 0) merged[HISTORY] = history;
  return { text: serializeMissionMeta(merged as MissionMeta), clean: true };
}
