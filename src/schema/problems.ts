/**
 * Turns @cfworker/json-schema's error list into one readable line per problem. The library reports
 * every level of nesting ("Property x does not match schema") and every failed union branch; only the
 * leaves carry information, and branches are merged into one "must be A or B" line.
 */
import type { OutputUnit } from "@cfworker/json-schema";

export interface SchemaProblem {
  /** Keys (and array indexes) from the document root to the bad value; empty for the root itself. */
  path: readonly (string | number)[];
  message: string;
}

/** Errors that only say "something below me failed"; their children are reported instead. */
const WRAPPERS = new Set([
  "properties",
  "additionalProperties",
  "patternProperties",
  "items",
  "prefixItems",
  "additionalItems",
  "anyOf",
  "allOf",
  "oneOf",
  "$ref",
  "$recursiveRef",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
]);

const TYPE_NOUN: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

interface Leaf {
  location: string;
  keyword: string;
  error: string;
  keywordLocation: string;
}

/** `#/a/0/b~1c` → ["a", "0", "b/c"]. The library percent-encodes, then escapes `~` and `/`. */
function decodePointer(pointer: string): string[] {
  const body = pointer.replace(/^#\/?/, "");
  if (body === "") return [];
  return body.split("/").map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Walks `root` along `segments`, turning array indexes into numbers. */
function resolve(root: unknown, segments: readonly string[]): { path: (string | number)[]; value: unknown } {
  const path: (string | number)[] = [];
  let value = root;
  for (const segment of segments) {
    if (Array.isArray(value)) {
      path.push(Number(segment));
      value = value[Number(segment)];
    } else {
      path.push(segment);
      value =
        value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return { path, value };
}

function renderPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "value";
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A literal as the user would write it: strings quoted and cut short, others as JSON. */
function literal(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  return JSON.stringify(value);
}

/** What one leaf expects, as a noun phrase ("a string", "'merge'", "at least 0"). */
function expectation(leaf: Leaf, schemaValue: unknown): string {
  switch (leaf.keyword) {
    case "type":
      return (/Expected "([^"]+)"/.exec(leaf.error)?.[1] ?? "")
        .split('", "')
        .map((t) => TYPE_NOUN[t] ?? t)
        .join(" or ");
    case "const":
      return literal(schemaValue);
    case "enum":
      return Array.isArray(schemaValue) ? schemaValue.map(literal).join(", ") : leaf.error;
    case "minLength":
      return schemaValue === 1 ? "non-empty" : `at least ${schemaValue} characters long`;
    case "minimum":
      return `at least ${schemaValue}`;
    case "exclusiveMinimum":
      return `more than ${schemaValue}`;
    case "maximum":
      return `at most ${schemaValue}`;
    case "exclusiveMaximum":
      return `less than ${schemaValue}`;
    default:
      return leaf.error.replace(/\.$/, "");
  }
}

/** The keyword's value in the schema, read back from the error's keyword location. */
function schemaValueAt(schema: unknown, keywordLocation: string): unknown {
  return resolve(schema, decodePointer(keywordLocation)).value;
}

/** How the actual value is shown after "was": literal for literal/bound checks, its type otherwise. */
function was(value: unknown, leaves: readonly Leaf[]): string {
  const literalish = leaves.every((leaf) => leaf.keyword !== "type" || leaf.error.includes('"null"'));
  const primitive = typeof value === "number" || typeof value === "boolean";
  if (primitive || (literalish && typeof value === "string")) return literal(value);
  return jsonType(value);
}

const LITERAL_KEYWORDS = new Set(["const", "enum"]);

/** "a string or null", "one of 'merge', 'squash'", "at least 0". */
function phrase(group: readonly Leaf[], wanted: readonly string[]): string {
  if (wanted.length === 1) return wanted[0] ?? "";
  const literals = group.every(
    (leaf) => LITERAL_KEYWORDS.has(leaf.keyword) || leaf.error.endsWith('"null".'),
  );
  if (literals) return `one of ${wanted.join(", ")}`;
  const alternatives = group.some((leaf) => leaf.keyword === "type" || LITERAL_KEYWORDS.has(leaf.keyword));
  return wanted.join(alternatives ? " or " : " and ");
}

/**
 * One problem per bad location, in document order. `schema` is the JSON Schema that produced `errors`
 * (const/enum/bound values are read back from it); `value` is the validated document (for paths and
 * the "was" part).
 */
export function describeProblems(
  errors: readonly OutputUnit[],
  value: unknown,
  schema: unknown,
): SchemaProblem[] {
  const leaves: Leaf[] = errors
    .filter((unit) => !WRAPPERS.has(unit.keyword))
    .map((unit) => ({
      location: unit.instanceLocation,
      keyword: unit.keyword,
      error: unit.error,
      keywordLocation: unit.keywordLocation,
    }));
  // A union branch that got past the type check and failed deeper is the one the user meant: report
  // its problems, not "must be a string" from the branches whose type did not match at all.
  const structural = (location: string) =>
    leaves.some(
      (leaf) =>
        leaf.location.startsWith(`${location}/`) ||
        (leaf.location === location && leaf.keyword === "required"),
    );
  // Keyed by message (dedupes repeats) or by location (merges a union's failed branches into one line).
  const entries = new Map<string, SchemaProblem | Leaf[]>();
  for (const leaf of leaves) {
    if (leaf.keyword === "false") {
      const { path } = resolve(value, decodePointer(leaf.location));
      const message = `unexpected key '${renderPath(path)}'`;
      entries.set(message, { path, message });
    } else if (leaf.keyword === "required") {
      const key = /property "([^"]*)"/.exec(leaf.error)?.[1] ?? "?";
      const { path } = resolve(value, [...decodePointer(leaf.location), key]);
      const message = `${renderPath(path)} is missing`;
      entries.set(message, { path, message });
    } else if (!structural(leaf.location)) {
      const key = `@${leaf.location}`;
      const group = entries.get(key);
      if (Array.isArray(group)) group.push(leaf);
      else entries.set(key, [leaf]);
    }
  }
  return [...entries.entries()].map(([key, entry]) => {
    if (!Array.isArray(entry)) return entry;
    const resolved = resolve(value, decodePointer(key.slice(1)));
    const wanted = [
      ...new Set(entry.map((leaf) => expectation(leaf, schemaValueAt(schema, leaf.keywordLocation)))),
    ];
    const message = `${renderPath(resolved.path)} must be ${phrase(entry, wanted)} (was ${was(resolved.value, entry)})`;
    return { path: resolved.path, message };
  });
}
