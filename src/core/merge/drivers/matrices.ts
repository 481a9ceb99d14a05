/**
 * `merge-driver-acceptance-matrix` and `merge-driver-issue-matrix`: spec-kitty 3.2.6's gate documents,
 * merged row by row, 3-way (rows keyed by criterion / invariant id, or by a canonical issue ref). A
 * field both sides changed differently keeps both values in one conflict-marked string, so the file
 * stays valid JSON and the merge goes on, as the original does; the conflict is then visible in the
 * document for a person to settle. `issue-matrix.md` (which one upstream migration registers under
 * the same driver) is not JSON: it gets a plain 3-way text merge.
 */
import { mergeText } from "./text.ts";
import {
  type DriverOutcome,
  type DriverSides,
  type Json,
  keyedRows,
  mergeRows,
  mergeValue,
  parseObject,
  pythonIndentedJson,
} from "./three-way.ts";

type Doc = Record<string, Json>;

const IDENTITY = ["mission_slug", "mission_number", "mission_type"] as const;
const SCAFFOLD = "TODO: replace with a real acceptance criterion";
const CRITERION_VERDICTS = new Set(["pass", "fail", "pending"]);
const INVARIANT_RESULTS = new Set([
  "pass",
  "still_present",
  "verification_error",
  "pending",
  "deferred_to_consolidation",
]);

function sides3(sides: DriverSides, name: string): [Doc, Doc, Doc] {
  return [
    parseObject(sides.base, `base ${name}`),
    parseObject(sides.ours, `our ${name}`),
    parseObject(sides.theirs, `their ${name}`),
  ];
}

/** The matrix's verdict, recomputed from its rows (it is derived; neither side's stored value is kept). */
function overallVerdict(criteria: Doc[], invariants: Doc[]): string {
  const crit = criteria.map((c) => c.pass_fail ?? "pending");
  const inv = invariants.map((i) => i.result ?? "pending");
  if (crit.length === 0 && inv.length === 0) return "pending";
  if (crit.some((v) => typeof v !== "string" || !CRITERION_VERDICTS.has(v))) return "fail";
  if (inv.some((v) => typeof v !== "string" || !INVARIANT_RESULTS.has(v))) return "fail";
  if (crit.includes("fail") || inv.some((v) => v === "still_present" || v === "verification_error"))
    return "fail";
  // A leftover placeholder criterion does not hold acceptance back once a real criterion exists.
  const real = criteria.filter((c) => c.description !== SCAFFOLD).map((c) => c.pass_fail ?? "pending");
  if ([...(real.length > 0 ? real : crit), ...inv].includes("pending")) return "pending";
  return inv.includes("deferred_to_consolidation") ? "pass_pending_consolidation" : "pass";
}

export function mergeAcceptanceMatrix(sides: DriverSides): DriverOutcome {
  const [base, ours, theirs] = sides3(sides, "acceptance-matrix.json");
  const byField = (field: string) => (_raw: string, row: Doc) => String(row[field] ?? "");
  const collection = (name: string, key: string) =>
    mergeRows(
      keyedRows(base[name], byField(key)),
      keyedRows(ours[name], byField(key)),
      keyedRows(theirs[name], byField(key)),
    );
  const criteria = collection("criteria", "criterion_id");
  const invariants = collection("negative_invariants", "invariant_id");
  const doc: Doc = {};
  // Identity fields: the target's (ours) when it has one.
  for (const name of IDENTITY) {
    const value =
      ours[name] !== undefined && ours[name] !== null && ours[name] !== ""
        ? ours[name]
        : (theirs[name] ?? base[name]);
    if (value !== undefined) doc[name] = value;
  }
  const criteriaRows = [...criteria.rows.values()];
  const invariantRows = [...invariants.rows.values()];
  doc.overall_verdict = overallVerdict(criteriaRows, invariantRows);
  doc.criteria = criteriaRows;
  doc.negative_invariants = invariantRows;
  // Any other top-level key, 3-way like a field.
  const known = new Set<string>([...IDENTITY, "overall_verdict", "criteria", "negative_invariants"]);
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])) {
    if (known.has(key)) continue;
    const merged = mergeValue(base[key], ours[key], theirs[key]);
    if (merged.value !== undefined) doc[key] = merged.value;
  }
  return { text: pythonIndentedJson(doc), clean: true };
}

/** `#1726`, `GH-1726` and `1726` are one issue; a ref without trailing digits is its own key. */
export function canonicalIssueRef(raw: string): string {
  const digits = /(\d+)\s*$/.exec(raw.trim());
  return digits ? `#${digits[1]}` : raw.trim();
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Doc)[k])]),
    );
  }
  return value;
}

export function mergeIssueMatrix(sides: DriverSides, cwd: string): DriverOutcome {
  const looksJson = [sides.base, sides.ours, sides.theirs].every(
    (t) => t.trim() === "" || t.trim().startsWith("{"),
  );
  if (!looksJson) return mergeText(sides, cwd);
  const [base, ours, theirs] = sides3(sides, "issue-matrix.json");
  const key = (raw: string) => canonicalIssueRef(raw);
  const merged = mergeRows(keyedRows(base.rows, key), keyedRows(ours.rows, key), keyedRows(theirs.rows, key));
  const doc = { schema_version: 1, rows: Object.fromEntries(merged.rows) };
  return { text: pythonIndentedJson(sortKeys(doc)), clean: true };
}
