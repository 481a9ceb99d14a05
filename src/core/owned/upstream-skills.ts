/**
 * spec-kitty 3.2 (Python) records the command skills it installs in
 * `.kittify/command-skills-manifest.json` (`entries[].path`, `entries[].content_hash` = sha256 hex).
 * A skill whose bytes still hash to its entry is one upstream generated and nobody edited, so upgrade
 * may replace it. The file is upstream's: read leniently, never written; unreadable means "no record"
 * (a link out of the project is still refused, as every project path is).
 */
import { existsSync } from "node:fs";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";

export const UPSTREAM_SKILLS_MANIFEST = ".kittify/command-skills-manifest.json";

export function upstreamSkillHashes(root: string): Map<string, string> {
  const path = containedPath(root, UPSTREAM_SKILLS_MANIFEST);
  const hashes = new Map<string, string>();
  if (!existsSync(path)) return hashes;
  try {
    const data = JSON.parse(readTextFile(path, UPSTREAM_SKILLS_MANIFEST)) as { entries?: unknown };
    for (const entry of Array.isArray(data.entries) ? data.entries : []) {
      const { path: p, content_hash: hash } = (entry ?? {}) as Record<string, unknown>;
      if (typeof p === "string" && typeof hash === "string" && /^[0-9a-f]{64}$/.test(hash))
        hashes.set(p, hash);
    }
  } catch {
    // Not ours and not valid: it proves nothing about any file.
  }
  return hashes;
}
