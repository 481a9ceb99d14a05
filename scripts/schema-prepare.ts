/**
 * Rewrites arktype's JSON Schema for Ajv, keeping what it accepts exactly what the arktype def accepts:
 *  - A union of bare types (`"string | null"` → `anyOf: [{type: "string"}, {type: "null"}]`) becomes a
 *    type array (`type: ["string", "null"]`): one `typeof` test instead of two branches, the failing
 *    one of which builds an error object on every valid value (5× the cost of a status-event line,
 *    bench/validators.ts). Problems read the same ("a string or null", src/schema/problems.ts).
 *  - Every object with optional keys gets `definedWhenPresent` (below): Ajv, like JSON, treats a key
 *    holding `undefined` as absent; arktype refuses it, and so must we.
 */
import { _, type CodeKeywordDefinition, type KeywordCxt } from "ajv/dist/2020";

/** `definedWhenPresent: ["a"]` fails when `"a" in data` but `data.a === undefined`. */
export const definedWhenPresent: CodeKeywordDefinition = {
  keyword: "definedWhenPresent",
  type: "object",
  schemaType: "array",
  error: { message: "must not hold undefined", params: ({ params }) => _`{property: ${params.property}}` },
  code(cxt: KeywordCxt) {
    for (const key of cxt.schema as string[]) {
      cxt.setParams({ property: key });
      cxt.fail(_`${cxt.data}[${key}] === undefined && ${key} in ${cxt.data}`);
    }
  },
};

/** A branch that says nothing but its type. */
function isBareType(branch: unknown): branch is { type: string } {
  if (branch === null || typeof branch !== "object") return false;
  return Object.keys(branch).length === 1 && typeof (branch as { type?: unknown }).type === "string";
}

export function prepareSchema<T>(node: T): T {
  if (Array.isArray(node)) return node.map(prepareSchema) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = prepareSchema(value);
  if (out.properties !== null && typeof out.properties === "object") {
    const required = new Set(Array.isArray(out.required) ? out.required : []);
    const optional = Object.keys(out.properties).filter((key) => !required.has(key));
    if (optional.length) out.definedWhenPresent = optional;
  }
  const { anyOf, ...rest } = out;
  if (!Array.isArray(anyOf) || !anyOf.every(isBareType) || "type" in rest) return out as T;
  return { ...rest, type: anyOf.map((branch) => branch.type) } as T;
}
