/**
 * The one project-config fact missions need: whether spec-kitty may commit its own files
 * (`.kittify/config.yaml` → `agents.auto_commit`, default false).
 * TODO(lead): switch to helper A's `readProjectConfig` (src/schema/kittify-config.ts) once it lands.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export async function autoCommitEnabled(root: string): Promise<boolean> {
  const path = join(root, ".kittify", "config.yaml");
  if (!existsSync(path)) return false;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return false; // an unreadable config must never make us commit
  }
  // YAML 1.2 has boolean true only as a `true` literal, a `!!bool` tag or a `%YAML 1.1` directive;
  // without any of them the answer is false and yaml is never loaded (~12 ms off `mission create`).
  if (!/true|[!%]/i.test(text)) return false;
  const { parse } = await import("yaml");
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return false; // an unparsable config must never make us commit
  }
  const agents = (doc as { agents?: { auto_commit?: unknown } } | null)?.agents;
  return agents?.auto_commit === true;
}
