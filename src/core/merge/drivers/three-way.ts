/**
 * The pieces every structured merge driver is made of: a 3-way merge of one value, of a keyed
 * collection of rows, and the outcome type the driver commands turn into git's contract (the merged
 * text in %A; exit 0 when clean, 1 when a person must resolve a conflict).
 */
import { pyJsonDumps } from "../../pyjson.ts";

export interface DriverSides {
  base: string;
  ours: string;
  theirs: string;
}

export interface DriverOutcome {
  /** What %A must hold afterwards (conflict markers included when not clean). */
  text: string;
  /** False: git must report a conflict for this file. */
  clean: boolean;
}

export type Json = unknown;

/** Equality of JSON values regardless of key order. */
export function sameJson(a: Json, b: Json): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: Json): string {
  return value === undefined ? "\u0000absent" : pyJsonDumps(value);
}

/** A field changed on both sides: kept as a string holding both, so the JSON document stays valid. */
export function conflictValue(ours: Json, theirs: Json): string {
  return [
    "<<<<<<< ours",
    JSON.stringify(ours ?? null),
    "=======",
    JSON.stringify(theirs ?? null),
    ">>>>>>> theirs",
  ].join("\n");
}

export type FieldMerge = { value: Json; conflict: boolean };

/**
 * One value, 3-way: equal sides or a change on one side only merge cleanly (an absent value counts as
 * a value, so a deletion is a change); a different change on both sides is a conflict.
 */
export function mergeValue(base: Json, ours: Json, theirs: Json): FieldMerge {
  if (sameJson(ours, theirs)) return { value: ours, conflict: false };
  if (sameJson(ours, base)) return { value: theirs, conflict: false };
  if (sameJson(theirs, base)) return { value: ours, conflict: false };
  return { value: conflictValue(ours, theirs), conflict: true };
}

type Row = Record<string, Json>;

function isRow(value: Json): value is Row {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Thrown for input a driver cannot merge (not JSON, two different rows with one key on one side). */
export class DriverInputError extends Error {}

/**
 * A side's rows by canonical key. `rows` is a list (the key lives in each row) or an object (keyed by
 * its own keys). Two different rows with the same key on ONE side are refused, never collapsed.
 */
export function keyedRows(rows: Json, keyOf: (rawKey: string, row: Row) => string): Map<string, Row> {
  const entries: [string, Json][] = Array.isArray(rows)
    ? rows.map((row, i) => [String(i), row])
    : isRow(rows)
      ? Object.entries(rows)
      : [];
  const out = new Map<string, Row>();
  for (const [rawKey, row] of entries) {
    if (!isRow(row)) continue;
    const key = keyOf(rawKey, row);
    const seen = out.get(key);
    if (seen && !sameJson(seen, row)) throw new DriverInputError(`two different rows share the key '${key}'`);
    out.set(key, row);
  }
  return out;
}

/** Field by field, 3-way, over the union of the three rows' fields (first seen order). */
function mergeRowFields(base: Row, ours: Row, theirs: Row): { row: Row; conflict: boolean } {
  const row: Row = {};
  let conflict = false;
  for (const name of new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])) {
    const merged = mergeValue(base[name], ours[name], theirs[name]);
    conflict ||= merged.conflict;
    if (merged.value !== undefined) row[name] = merged.value;
  }
  return { row, conflict };
}

/**
 * Keyed rows, 3-way, in sorted key order (so both merge directions give the same bytes): added on one
 * side → kept; deleted on one side and unchanged on the other → dropped; deleted against a change →
 * the change is kept; changed on both → merged field by field.
 */
export function mergeRows(
  base: Map<string, Row>,
  ours: Map<string, Row>,
  theirs: Map<string, Row>,
): { rows: Map<string, Row>; conflict: boolean } {
  const rows = new Map<string, Row>();
  let conflict = false;
  for (const key of [...new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])].sort()) {
    const [b, o, t] = [base.get(key), ours.get(key), theirs.get(key)];
    if (o === undefined && t === undefined) continue;
    if (o === undefined || t === undefined) {
      const kept = (o ?? t) as Row;
      // One side deleted it: gone, unless the other side changed it since the base.
      if (b !== undefined && sameJson(kept, b)) continue;
      rows.set(key, kept);
      continue;
    }
    if (sameJson(o, t)) {
      rows.set(key, o);
      continue;
    }
    const merged = mergeRowFields(b ?? {}, o, t);
    conflict ||= merged.conflict;
    rows.set(key, merged.row);
  }
  return { rows, conflict };
}

/** A JSON object document; an empty or blank side is `{}` (a file added on one side only). */
export function parseObject(text: string, label: string): Row {
  if (text.trim() === "") return {};
  let value: Json;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DriverInputError(`${label}: not valid JSON (${(error as Error).message})`);
  }
  if (!isRow(value)) throw new DriverInputError(`${label}: not a JSON object`);
  return value;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping everything outside printable ASCII is the point.
const NON_ASCII = /[^\x00-\x7e]/g;

/** `json.dumps(value, indent=2)` as Python writes it: non-ASCII escaped, key order kept. */
export function pythonIndentedJson(value: Json): string {
  return `${JSON.stringify(value, null, 2).replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
