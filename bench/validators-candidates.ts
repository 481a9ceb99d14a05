/** The validators bench/validators.ts compares, each as a compiled entry and an in-process check. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib.ts";
import { handWrittenEventCheck, sampleEventLines } from "./validators-lib.ts";

export const DIR = join(ROOT, ".bench", "validators");

type Check = (value: unknown) => boolean;

export interface Candidate {
  name: string;
  /** Packages it needs (the candidate is skipped when one is not installed). */
  needs: string[];
  /** Source of a compiled entry that loads the candidate and validates one event (start-up run). */
  entry?: (schemas: Record<string, Record<string, unknown>>) => string;
  /** The check for the per-value run. */
  check?: (schemas: Record<string, Record<string, unknown>>) => Promise<Check>;
}

const CFWORKER = "@cfworker/json-schema";
type CfworkerValidator = new (
  schema: unknown,
  draft: string,
  shortCircuit: boolean,
) => { validate(value: unknown): { valid: boolean } };

const EVENT = JSON.stringify(sampleEventLines(1)[0]);
const STATUS_EVENT_DEF = JSON.stringify(join(ROOT, "src", "schema", "defs", "status-event.ts"));

/** Whether `pkg` resolves from the project root. */
export function isInstalled(pkg: string): boolean {
  try {
    Bun.resolveSync(pkg, ROOT);
    return true;
  } catch {
    return false;
  }
}

/** Ajv's standalone code for the JSON Schemas exactly as arktype emits them (no scripts/schema-prepare.ts). */
export async function writeGenerated(schemas: Record<string, Record<string, unknown>>): Promise<void> {
  if (!isInstalled("ajv")) return;
  const { standaloneCode } = await import("../scripts/gen-schemas.ts");
  writeFileSync(join(DIR, "ajv-raw.mjs"), standaloneCode(schemas));
}

function ajvCandidate(file: string, label: string): Candidate {
  return {
    name: label,
    needs: ["ajv"],
    entry: () => `import { statusEventLine } from ${JSON.stringify(file)};
console.log(statusEventLine(JSON.parse(${EVENT})));`,
    check: async () => ((await import(file)) as Record<string, Check>).statusEventLine as Check,
  };
}

export const CANDIDATES: Candidate[] = [
  {
    name: "hand-written check (the fast path it replaces)",
    needs: [],
    check: async () => handWrittenEventCheck,
  },
  {
    name: "@cfworker/json-schema",
    needs: [CFWORKER],
    entry: (schemas) => `import { Validator } from "@cfworker/json-schema";
const SCHEMAS = ${JSON.stringify(schemas)};
const v = new Validator(SCHEMAS.statusEventLine, "2020-12", false);
console.log(v.validate(JSON.parse(${EVENT})).valid);`,
    check: async (schemas) => {
      // Imported by a computed name: the package is no dependency any more, so it may lack types.
      const { Validator } = (await import(CFWORKER)) as { Validator: CfworkerValidator };
      const v = new Validator(schemas.statusEventLine, "2020-12", false);
      return (value) => v.validate(value).valid;
    },
  },
  {
    name: "arktype at run time",
    needs: ["arktype"],
    entry: () => `import { type } from "arktype";
import { statusEventLine } from ${STATUS_EVENT_DEF};
console.log(!(statusEventLine(JSON.parse(${EVENT})) instanceof type.errors));`,
    check: async () => {
      const { type } = await import("arktype");
      const { statusEventLine } = await import("../src/schema/defs/status-event.ts");
      return (value) => !(statusEventLine(value) instanceof type.errors);
    },
  },
  {
    name: "Ajv, compiled at run time",
    needs: ["ajv"],
    entry: (schemas) => `import Ajv2020 from "ajv/dist/2020";
const SCHEMAS = ${JSON.stringify(schemas)};
const v = new Ajv2020({ allErrors: true }).compile(SCHEMAS.statusEventLine);
console.log(v(JSON.parse(${EVENT})));`,
  },
  ajvCandidate(join(DIR, "ajv-raw.mjs"), "Ajv standalone, schemas as arktype emits them"),
  ajvCandidate(
    join(ROOT, "src", "schema", "generated-ajv.ts"),
    "Ajv standalone as shipped (generated-ajv.ts)",
  ),
];
