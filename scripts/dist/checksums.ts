/** SHA-256 digests and the `SHA256SUMS` file (GNU coreutils format: `<hex>  <name>`, sorted by name). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function renderSums(sums: Record<string, string>): string {
  return Object.keys(sums)
    .sort()
    .map((name) => `${sums[name]}  ${name}\n`)
    .join("");
}

/** Name → hex digest; accepts the binary-mode marker (`<hex> *<name>`) too. */
export function parseSums(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (match) out[match[2] as string] = match[1] as string;
  }
  return out;
}
