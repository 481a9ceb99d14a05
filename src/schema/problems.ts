/**
 * Turns the errors of the generated validators (Ajv's standalone code, see scripts/gen-schemas.ts)
 * into one readable line per problem. A failed union reports every branch; the branches are merged
 * into one "must be A or B" line, or, when one branch matched the type and failed deeper, only that
 * branch's problems are reported.
 */

/** One error as the generated code reports it (no message text: the keyword and params say it all). */
export interface ValidationError {
  /** JSON Pointer to the bad value: "" for the root, "/lanes/0/action". */
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A generated validator: true when the value matches; otherwise `errors` says why. */
export interface GeneratedValidator {
  (value: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

export interface SchemaProblem {
  /** Keys (and array indexes) from the document root to the bad value; empty for the root itself. */
  path: readonly (string | number)[];
  message: string;
}

/** Errors that only say "some branch below me failed"; the branches' own errors are reported. */
const WRAPPERS = new Set(["anyOf", "oneOf", "allOf", "if", "contains"]);

/** Errors about one key of the object at `instancePath`, and the param naming that key. */
const KEY_PARAM: Record<string, string> = {
  additionalProperties: "additionalProperty",
  unevaluatedProperties: "unevaluatedProperty",
  // scripts/schema-prepare.ts: a declared key holding `undefined`, which no parsed file can
  definedWhenPresent: "property",
};

const UNEXPECTED_KEY = new Set(["additionalProperties", "unevaluatedProperties", "false schema"]);

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
  /** Pointer of the value the leaf is about (for an unexpected key: the key's own pointer). */
  location: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** `/a/0/b~1c` → ["a", "0", "b/c"]. */
function decodePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const encodeSegment = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

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

/** The types a `type` error expected: one name, or the list of a type array. */
function typesOf(leaf: Leaf): string[] {
  const type = leaf.params.type;
  return Array.isArray(type) ? type.map(String) : String(type).split(",");
}

const onlyNull = (leaf: Leaf) => leaf.keyword === "type" && typesOf(leaf).every((t) => t === "null");

/** What one leaf expects, as a noun phrase ("a string", "'merge'", "at least 0"). */
function expectation(leaf: Leaf): string {
  const { limit } = leaf.params;
  switch (leaf.keyword) {
    case "type":
      return typesOf(leaf)
        .map((t) => TYPE_NOUN[t] ?? t)
        .join(" or ");
    case "const":
      return literal(leaf.params.allowedValue);
    case "enum": {
      const values = leaf.params.allowedValues;
      if (!Array.isArray(values)) return "an allowed value";
      return values.length === 1 ? literal(values[0]) : `one of ${values.map(literal).join(", ")}`;
    }
    case "minLength":
      return limit === 1 ? "non-empty" : `at least ${limit} characters long`;
    case "maxLength":
      return `at most ${limit} characters long`;
    case "minimum":
      return `at least ${limit}`;
    case "exclusiveMinimum":
      return `more than ${limit}`;
    case "maximum":
      return `at most ${limit}`;
    case "exclusiveMaximum":
      return `less than ${limit}`;
    case "minItems":
      return `at least ${limit} items long`;
    case "maxItems":
      return `at most ${limit} items long`;
    case "definedWhenPresent":
      return "JSON data";
    case "pattern":
      return `matching /${leaf.params.pattern}/`;
    default:
      return `valid for '${leaf.keyword}' ${JSON.stringify(leaf.params)}`;
  }
}

/** How the actual value is shown after "was": literal for literal/bound checks, its type otherwise. */
function was(value: unknown, leaves: readonly Leaf[]): string {
  const literalish = leaves.every((leaf) => leaf.keyword !== "type" || onlyNull(leaf));
  const primitive = typeof value === "number" || typeof value === "boolean";
  if (primitive || (literalish && typeof value === "string")) return literal(value);
  return jsonType(value);
}

const LITERAL_KEYWORDS = new Set(["const", "enum"]);

/** "a string or null", "one of 'merge', 'squash', null", "at least 0". */
function phrase(group: readonly Leaf[], wanted: readonly string[]): string {
  if (wanted.length === 1) return wanted[0] ?? "";
  if (group.every((leaf) => LITERAL_KEYWORDS.has(leaf.keyword) || onlyNull(leaf))) {
    // The literals of every branch in one list: `'a', 'b'` and `null` → `one of 'a', 'b', null`.
    const members = group.flatMap((leaf) =>
      leaf.keyword === "enum" && Array.isArray(leaf.params.allowedValues)
        ? leaf.params.allowedValues.map(literal)
        : leaf.keyword === "const"
          ? [literal(leaf.params.allowedValue)]
          : ["null"],
    );
    return `one of ${[...new Set(members)].join(", ")}`;
  }
  const alternatives = group.some((leaf) => leaf.keyword === "type" || LITERAL_KEYWORDS.has(leaf.keyword));
  return wanted.join(alternatives ? " or " : " and ");
}

function toLeaf(error: ValidationError): Leaf {
  const keyParam = KEY_PARAM[error.keyword];
  const key = keyParam === undefined ? undefined : error.params[keyParam];
  const location =
    key === undefined ? error.instancePath : `${error.instancePath}/${encodeSegment(String(key))}`;
  return { location, keyword: error.keyword, params: error.params };
}

/**
 * One problem per bad location, in the validator's order. `value` is the validated document (for
 * paths and the "was" part).
 */
export function describeProblems(errors: readonly ValidationError[], value: unknown): SchemaProblem[] {
  const leaves = errors.filter((error) => !WRAPPERS.has(error.keyword)).map(toLeaf);
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
    if (UNEXPECTED_KEY.has(leaf.keyword)) {
      const { path } = resolve(value, decodePointer(leaf.location));
      const message = `unexpected key '${renderPath(path)}'`;
      entries.set(message, { path, message });
    } else if (leaf.keyword === "required") {
      const { path } = resolve(value, [...decodePointer(leaf.location), String(leaf.params.missingProperty)]);
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
    const wanted = [...new Set(entry.map(expectation))];
    const message = `${renderPath(resolved.path)} must be ${phrase(entry, wanted)} (was ${was(resolved.value, entry)})`;
    return { path: resolved.path, message };
  });
}
