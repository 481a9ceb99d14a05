/**
 * The project's own names for shell completion: mission handles, WP ids, lanes, agent keys. Read from
 * directory listings only (no file is parsed), so completing stays instant on large projects, and any
 * failure (not a project, unreadable folder) simply offers nothing.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { AGENT_KEYS } from "../agents.ts";
import { findProjectRoot } from "../project.ts";
import { STATUS_LANES } from "../status/lane.ts";

export type ValueKind = "mission" | "wp" | "lane" | "agent" | "shell";

export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
export type Shell = (typeof SHELLS)[number];

function missionDirs(root: string): string[] {
  const base = join(root, "kitty-specs");
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

/** `kitty-specs/<dir>` names, and for numbered ones the slug without its number too. */
function missionHandles(root: string): string[] {
  const dirs = missionDirs(root);
  return [...new Set([...dirs, ...dirs.map((d) => d.replace(/^\d+-/, ""))])];
}

function wpIds(root: string, mission: string | null): string[] {
  const dirs = missionDirs(root).filter(
    (d) => mission === null || d === mission || d.replace(/^\d+-/, "") === mission,
  );
  const ids = new Set<string>();
  for (const dir of dirs) {
    const tasks = join(root, "kitty-specs", dir, "tasks");
    if (!existsSync(tasks)) continue;
    for (const name of readdirSync(tasks)) {
      const id = /^(WP\d+)(?:[-_.].*)?\.md$/.exec(name)?.[1];
      if (id) ids.add(id);
    }
  }
  return [...ids].sort();
}

export function completionValues(
  kind: ValueKind,
  cwd: string,
  context: { mission: string | null },
): string[] {
  switch (kind) {
    case "lane":
      return [...STATUS_LANES, "doing"];
    case "agent":
      return [...AGENT_KEYS];
    case "shell":
      return [...SHELLS];
    default:
      break;
  }
  let root: string;
  try {
    root = findProjectRoot(cwd);
  } catch {
    return [];
  }
  return kind === "mission" ? missionHandles(root) : wpIds(root, context.mission);
}
