/**
 * Builds the run-time validators from the arktype definitions in `src/schema/defs/`, the only place a
 * file shape is written: arktype → JSON Schema (draft 2020-12) → Ajv's standalone code. Loading arktype
 * or compiling with Ajv at run time costs ~350 / ~115 ms of start-up (bench/validators.ts); the
 * generated code loads in no measurable time and checks a status-event line about as fast as a
 * hand-written check. Writes:
 *   src/schema/generated-ajv.ts  Ajv's code: untyped JavaScript, hence `@ts-nocheck`
 *   src/schema/generated.ts      the typed surface: SchemaName, VALIDATORS, and the defs' plain data
 * Run `npx bun run scripts/gen-schemas.ts` after editing a def; `test/unit/schemas.test.ts` fails when
 * a committed file is stale.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import standalone from "ajv/dist/standalone";
import { writeFileAtomic } from "../src/core/fs/atomic.ts";
import { definedWhenPresent, prepareSchema } from "./schema-prepare.ts";

const root = join(import.meta.dir, "..");
const DEFS_DIR = join(root, "src", "schema", "defs");
export const GENERATED_PATHS = {
  ajv: join(root, "src", "schema", "generated-ajv.ts"),
  index: join(root, "src", "schema", "generated.ts"),
};

interface ArkTypeLike {
  toJsonSchema(): Record<string, unknown>;
}

function isArkType(value: unknown): value is ArkTypeLike {
  return typeof value === "function" && typeof (value as Partial<ArkTypeLike>).toJsonSchema === "function";
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every export of `src/schema/defs/*.ts`, by name (names are unique across files): arktype Types as
 * JSON Schema, and plain JSON data (e.g. a key list) as-is, so run-time code can use it without arktype.
 */
export async function collectDefs(): Promise<{
  schemas: Record<string, Record<string, unknown>>;
  data: Record<string, unknown>;
}> {
  const schemas: Record<string, Record<string, unknown>> = {};
  const data: Record<string, unknown> = {};
  const files = readdirSync(DEFS_DIR)
    .filter((name) => name.endsWith(".ts"))
    .sort();
  for (const file of files) {
    const mod = (await import(join(DEFS_DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (name in schemas || name in data) throw new Error(`'${name}' is exported twice (again in ${file})`);
      if (isArkType(value)) {
        // The draft is fixed by the Ajv class below; the per-schema `$schema` key is noise.
        const { $schema: _draft, ...schema } = value.toJsonSchema();
        schemas[name] = schema;
      } else if (typeof value === "object" && value !== null) {
        data[name] = JSON.parse(JSON.stringify(value));
      } else {
        throw new Error(`${file}: export '${name}' is neither an arktype Type nor JSON data`);
      }
    }
  }
  return {
    schemas: Object.fromEntries(Object.entries(schemas).sort(byKey)),
    data: Object.fromEntries(Object.entries(data).sort(byKey)),
  };
}

/** The JSON Schemas exactly as arktype emits them (bench/validators.ts compares validators on them). */
export async function collectJsonSchemas(): Promise<Record<string, Record<string, unknown>>> {
  return (await collectDefs()).schemas;
}

/** Ajv's options, each for a reason: */
const AJV_OPTIONS = {
  // one line per problem, not just the first
  allErrors: true,
  // problems.ts words every message from the keyword and its params; Ajv's texts would only add bytes
  messages: false,
  // count string length as arktype does (`.length`), and keep Ajv's ucs2length helper, a run-time
  // import of ajv, out of the code (deprecated in Ajv 8, still honoured; the check below guards it)
  unicode: false,
  // throw on anything in a schema Ajv does not understand, rather than validating less than the def says
  strict: true,
  // type arrays such as ["string", "number", "null"] (prepareSchema's form of a bare-type union) are
  // what older files need (a 3.1 "NNN" or a 3.2 integer mission_number); strict mode flags them otherwise
  allowUnionTypes: true,
  code: { source: true, esm: true, lines: true },
} as const;

/** Ajv's standalone ES module for `schemas`, one export per name; it imports nothing. */
export function standaloneCode(schemas: Record<string, Record<string, unknown>>): string {
  const logger = {
    log: () => {},
    // The only expected warning is the deprecation notice of `unicode: false`.
    warn: (...args: unknown[]) => {
      if (!String(args[0]).includes("option unicode")) throw new Error(args.map(String).join(" "));
    },
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(" "));
    },
  };
  const withIds = Object.entries(schemas).map(([name, schema]) => ({ ...schema, $id: name }));
  const ajv = new Ajv2020({ ...AJV_OPTIONS, logger, keywords: [definedWhenPresent], schemas: withIds });
  const code = standalone(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
  if (/\brequire\(|^import /m.test(code)) throw new Error("Ajv's standalone code needs a run-time module");
  return code;
}

const HEADER = "// generated by scripts/gen-schemas.ts from src/schema/defs/; do not edit.";

/** The text of every generated file, by path. */
export async function renderGenerated(): Promise<Record<string, string>> {
  const { schemas, data } = await collectDefs();
  const prepared = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, prepareSchema(schema)]),
  );
  const ajv = [
    "// @ts-nocheck (Ajv emits untyped JavaScript; src/schema/generated.ts types its exports)",
    HEADER,
    "// Ajv standalone validators (draft 2020-12) for the JSON Schema of every arktype definition.",
    "// biome-ignore-all format: generated code",
    "// biome-ignore-all lint: generated code",
    standaloneCode(prepared),
    "",
  ].join("\n");
  const names = Object.keys(schemas);
  const index = [
    HEADER,
    "// biome-ignore-all format: generated layout",
    'import * as ajv from "./generated-ajv.ts";',
    'import type { GeneratedValidator } from "./problems.ts";',
    "",
    "/** The export name of every arktype Type in src/schema/defs/. */",
    `export type SchemaName =\n${names.map((name) => `  | ${JSON.stringify(name)}`).join("\n")};`,
    "",
    "/** The generated validator of every schema. */",
    "export const VALIDATORS: Readonly<Record<SchemaName, GeneratedValidator>> = {",
    ...names.map((name) => `  ${name}: ajv.${name},`),
    "};",
    ...Object.entries(data).flatMap(([name, value]) => [
      "",
      `/** \`${name}\` as exported by src/schema/defs/. */`,
      `export const ${name} = ${JSON.stringify(value)} as const;`,
    ]),
    "",
  ].join("\n");
  return { [GENERATED_PATHS.ajv]: ajv, [GENERATED_PATHS.index]: index };
}

if (import.meta.main) {
  for (const [path, text] of Object.entries(await renderGenerated())) {
    const name = path.slice(root.length + 1);
    if (existsSync(path) && readFileSync(path, "utf8") === text) console.log(`${name} is up to date`);
    else {
      writeFileAtomic(path, text);
      console.log(`${name} written`);
    }
  }
}
