/**
 * The one project-config fact missions need: whether spec-kitty may commit its own files
 * (`.kittify/config.yaml` → `agents.auto_commit`, default false).
 * TODO(lead): switch to helper A's `readProjectConfig` (src/schema/kittify-config.ts) once it lands.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export function autoCommitEnabled(root: string): boolean {
  const path = join(root, ".kittify", "config.yaml");
  if (!existsSync(path)) return false;
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch {
    return false; // an unreadable config must never make us commit
  }
  const agents = (doc as { agents?: { auto_commit?: unknown } } | null)?.agents;
  return agents?.auto_commit === true;
}
