export interface PyJsonOptions {
  /** `sort_keys=True` (the default here, as event lines need); false keeps insertion order. */
  sortKeys?: boolean;
}

/**
 * Python's `json.dumps(value, sort_keys=True)` byte for byte: keys sorted recursively, separators
 * `", "` and `": "`, everything outside printable ASCII escaped as `\uXXXX`. The original writes event
 * lines this way, and a shared log must look the same whichever tool appended a line. With
 * `sortKeys: false` it is plain `json.dumps(value)`, as the orchestrator-api envelope is printed.
 */
export function pyJsonDumps(value: unknown, options: PyJsonOptions = {}): string {
  const sortKeys = options.sortKeys ?? true;
  const dump = (v: unknown): string => pyJsonDumps(v, options);
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return pyString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pyNumber(value);
  if (Array.isArray(value)) return `[${value.map(dump).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pyString(k)}: ${dump(v)}`).join(", ")}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value}`);
}

const NON_ASCII = /[^\x20-\x7e]/g;

function pyString(text: string): string {
  // JSON.stringify already escapes quotes, backslashes and control characters exactly as Python does;
  // what is left is DEL and non-ASCII, which Python writes as lower-case \uXXXX (UTF-16 units).
  return JSON.stringify(text).replace(
    NON_ASCII,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function pyNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError("JSON has no NaN or Infinity");
  return String(n);
}

/** Deep copy with object keys sorted, for `JSON.stringify(…, null, 2)` output with sorted keys. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeysDeep) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}
