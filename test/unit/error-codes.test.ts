import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ERROR_CODES } from "../../src/core/error-codes.ts";

const SRC = join(import.meta.dir, "..", "..", "src");
const THROWN = [
  /new\s+\w*Error\(\s*"([A-Z][A-Z0-9_]+)"/g,
  /super\(\s*"([A-Z][A-Z0-9_]+)"/g,
  /\bcode:\s*"([A-Z][A-Z0-9_]+)"/g,
];

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith(".ts") && entry.name !== "error-codes.ts" && entry.name !== "generated.ts")
      out.push(path);
  }
  return out;
}

describe("error codes", () => {
  const texts = sources(SRC).map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const thrown = new Map<string, string>();
  for (const { file, text } of texts)
    for (const pattern of THROWN) for (const m of text.matchAll(pattern)) thrown.set(m[1] as string, file);

  test("every code the program throws is registered in src/core/error-codes.ts", () => {
    const missing = [...thrown].filter(([code]) => !(code in ERROR_CODES)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  test("every registered code is still used somewhere", () => {
    const all = texts.map((t) => t.text).join("\n");
    const unused = Object.keys(ERROR_CODES).filter((code) => !all.includes(`"${code}"`));
    expect(unused).toEqual([]);
  });

  test("codes are SCREAMING_SNAKE and meanings are one line", () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(meaning).not.toContain("\n");
    }
  });
});
