/**
 * The layering of src/ (ARCHITECTURE.md "Layers"), enforced: every import of every source file is
 * checked against the module it lives in. A failure names the file, the import and the rule.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = join(import.meta.dir, "..", "..", "src");

/** Core modules by layer, lowest first. Documents are ordered: each may use those before it. */
export const LAYERS = {
  base: [
    "errors",
    "error-codes",
    "clock",
    "ulid",
    "home",
    "pyjson",
    "agents",
    "actor",
    "project",
    "config",
    "config-edit",
    "fs",
    "owned",
    "git",
    "outbox",
  ],
  documents: ["mission", "tasks", "lanes", "status", "mission-view"],
  workspace: ["workspace"],
  operations: [
    "loop",
    "views",
    "dashboard",
    "merge",
    "accept",
    "release",
    "init",
    "auth",
    "sync",
    "agent-config",
    "upgrade",
    "doctor",
    "charter",
    "completion",
    "orchestrator",
    "dispatch",
  ],
} as const;
type Layer = keyof typeof LAYERS;
const ORDER: Layer[] = ["base", "documents", "workspace", "operations"];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** `core:<module>`, `schema`, `templates`, `web`, `cli`, `commands`, `bin`, `version`. */
function moduleOf(file: string): string {
  const rel = relative(SRC, file).split("/");
  if (rel[0] === "core") return `core:${(rel[1] as string).replace(/\.ts$/, "")}`;
  return (rel[0] as string).replace(/\.ts$/, "");
}

function layerOf(mod: string): Layer | null {
  const name = mod.replace(/^core:/, "");
  for (const layer of ORDER) if ((LAYERS[layer] as readonly string[]).includes(name)) return layer;
  return null;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

interface Edge {
  file: string;
  target: string;
  from: string;
  to: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of walk(SRC)) {
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1] as string);
      out.push({
        file: relative(SRC, file),
        target: relative(SRC, target),
        from: moduleOf(file),
        to: moduleOf(target),
      });
    }
  }
  return out;
}

/** Why an import breaks the layering, or null when it is allowed. */
function violation(edge: Edge): string | null {
  const { from, to } = edge;
  if (from === to) return null;
  if (from === "schema") return to === "core:errors" ? null : "schema/ may import only core/errors";
  if (from === "version")
    return edge.target === "../package.json" ? null : "version.ts reads only package.json";
  if (from === "templates") return "templates import nothing";
  if (from === "web") return "web/ (the dashboard's page, style sheet and script) imports nothing";
  if (from === "cli") return to === "commands" || to === "bin" ? "cli/ never imports commands/ or bin" : null;
  if (from === "commands") return to === "bin" ? "commands/ never import bin" : null;
  if (from === "bin") return null;
  // from is a core module
  if (!from.startsWith("core:")) return `unknown module ${from}`;
  if (to === "cli" || to === "commands" || to === "bin") return "core never imports cli/, commands/ or bin";
  if (to === "schema" || to === "templates" || to === "version" || to === "web") return null;
  const a = layerOf(from);
  const b = layerOf(to);
  if (a === null) return `${from} is in no layer (add it to LAYERS and ARCHITECTURE.md)`;
  if (b === null) return `${to} is in no layer (add it to LAYERS and ARCHITECTURE.md)`;
  const ia = ORDER.indexOf(a);
  const ib = ORDER.indexOf(b);
  if (ib > ia) return `${a} module ${from} imports ${b} module ${to}`;
  if (a === "documents" && b === "documents") {
    const docs = LAYERS.documents as readonly string[];
    if (docs.indexOf(to.slice(5)) > docs.indexOf(from.slice(5)))
      return `documents are ordered ${docs.join(" → ")}: ${from} may not import ${to}`;
  }
  return null;
}

describe("layers", () => {
  const all = edges();

  test("every import follows the layering", () => {
    const bad = all.flatMap((e) => {
      const why = violation(e);
      return why ? [`${e.file} → ${e.target}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  test("core modules import each other without cycles", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      if (!e.from.startsWith("core:") || !e.to.startsWith("core:") || e.from === e.to) continue;
      const set = graph.get(e.from) ?? new Set<string>();
      set.add(e.to);
      graph.set(e.from, set);
    }
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const path: string[] = [];
    const visit = (node: string) => {
      state.set(node, 1);
      path.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 1) cycles.push([...path.slice(path.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(node, 2);
    };
    for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });

  test("every core module is assigned to a layer", () => {
    const modules = new Set(walk(join(SRC, "core")).map(moduleOf));
    const unplaced = [...modules].filter((m) => layerOf(m) === null);
    expect(unplaced).toEqual([]);
  });
});
