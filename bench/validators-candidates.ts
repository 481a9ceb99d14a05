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
  entry?: (schemas: Record<string, unknown>) => string;
  /** The check for the per-value run. */
  check?: (schemas: Record<string, unknown>) => Promise<Check>;
}

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

/** Ajv's standalone code for every schema: as arktype emits them, and with type-only unions as arrays. */
export async function writeGenerated(schemas: Record<string, unknown>): Promise<void> {
  if (!isInstalled("ajv")) return;
  const { default: Ajv2020 } = await import("ajv/dist/2020");
  const { default: standalone } = await import("ajv/dist/standalone");
  const variants = { raw: schemas, collapsed: collapseTypeUnions(schemas) as Record<string, unknown> };
  for (const [variant, set] of Object.entries(variants)) {
    const ajv = new Ajv2020({
      allErrors: true,
      messages: false,
      unicode: false,
      logger: false,
      code: { source: true, esm: true },
      schemas: Object.entries(set).map(([name, schema]) => ({ ...(schema as object), $id: name })),
    });
    const names = Object.fromEntries(Object.keys(set).map((name) => [name, name]));
    writeFileSync(join(DIR, `ajv-${variant}.mjs`), standalone(ajv, names));
  }
}

/** `anyOf: [{type: "string"}, {type: "null"}]` → `type: ["string", "null"]` (one typeof, no branch errors). */
function collapseTypeUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(collapseTypeUnions);
  if (node === null || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, collapseTypeUnions(v)]));
  const branches = out.anyOf as Record<string, unknown>[] | undefined;
  const bare = (b: Record<string, unknown>) => Object.keys(b).length === 1 && typeof b.type === "string";
  if (!Array.isArray(branches) || !branches.every(bare)) return out;
  const { anyOf: _anyOf, ...rest } = out;
  return { ...rest, type: branches.map((b) => b.type) };
}

function ajvCandidate(variant: string, label: string): Candidate {
  const file = join(DIR, `ajv-${variant}.mjs`);
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
    needs: ["@cfworker/json-schema"],
    entry: (schemas) => `import { Validator } from "@cfworker/json-schema";
const SCHEMAS = ${JSON.stringify(schemas)};
const v = new Validator(SCHEMAS.statusEventLine, "2020-12", false);
console.log(v.validate(JSON.parse(${EVENT})).valid);`,
    check: async (schemas) => {
      const { Validator } = await import("@cfworker/json-schema");
      const v = new Validator(schemas.statusEventLine as never, "2020-12", false);
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
  ajvCandidate("raw", "Ajv standalone, schemas as arktype emits them"),
  ajvCandidate("collapsed", "Ajv standalone, type-only unions as type arrays"),
];
