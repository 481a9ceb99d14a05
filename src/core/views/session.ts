/**
 * What the Claude Code session hooks show (`spec-kitty session-start` / `session-stop`, registered by
 * spec-kitty 3.2's init in `.claude/settings.json`): a short orientation for the agent, and the
 * "Ops" (`kitty-ops/<id>.jsonl`, opened by spec-kitty 3.2's `dispatch`) that were never completed.
 * Only cheap reads: these run at every session start and stop.
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { readProjectConfig, readProjectMetadata } from "../config.ts";
import { isSpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { checkProjectContained } from "../mission/contained.ts";

const NOT_OPS = new Set(["ops-index.jsonl", "lifecycle.jsonl", "propagation-errors.jsonl"]);

export interface OpenOp {
  id: string;
  profile: string;
  startedAt: string;
}

/** The text of one Op log, or null when it cannot be read (a FIFO, a folder, bad bytes): never fatal. */
function opLog(root: string, path: string): string | null {
  try {
    return readTextFile(containedPath(root, path), path);
  } catch (error) {
    if (isSpecKittyError(error)) return null;
    throw error;
  }
}

/**
 * Ops whose log has no `completed` event, by file name. Unreadable files and lines are skipped, never
 * fatal; `kitty-ops/` leading out of the project is refused (PATH_ESCAPE), as every project path is.
 */
export function openOps(root: string): OpenOp[] {
  const dir = containedPath(root, "kitty-ops");
  if (!existsSync(dir)) return [];
  const open: OpenOp[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".jsonl") || NOT_OPS.has(name)) continue;
    const text = opLog(root, join(dir, name));
    if (text === null) continue;
    const rows = text.split("\n").flatMap((line) => {
      try {
        const row = JSON.parse(line) as unknown;
        return row !== null && typeof row === "object" ? [row as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
    if (rows.some((row) => row.event === "completed")) continue;
    const first = rows[0] ?? {};
    open.push({
      id: basename(name, ".jsonl"),
      profile: typeof first.profile_id === "string" ? first.profile_id : "",
      startedAt: typeof first.started_at === "string" ? first.started_at : "",
    });
  }
  return open;
}

function opLines(ops: readonly OpenOp[]): string[] {
  if (ops.length === 0) return [];
  return [
    `Open Ops (${ops.length}): work dispatched with spec-kitty 3.2 that was never completed`,
    ...ops.map((op) => {
      const facts = [op.profile, op.startedAt && `started ${op.startedAt}`].filter(Boolean).join(", ");
      return `  ${op.id}${facts ? ` (${facts})` : ""}`;
    }),
  ];
}

/** The orientation block for a new agent session in the project at `root`. */
export function sessionOrientation(root: string, version: string): string[] {
  let project = basename(root);
  let health = "ok";
  let ops: OpenOp[] = [];
  try {
    // First: a place leading out of the project is named, and nothing is read through it.
    checkProjectContained(root);
    ops = openOps(root);
    const config = readProjectConfig(root);
    if (config === null) health = "no .kittify/config.yaml (run `spec-kitty init` here)";
    readProjectMetadata(root);
  } catch (error) {
    health = `${(error as Error).message}`;
  }
  project = project || root;
  return [
    `Spec Kitty ${version} (single-binary edition) · project ${project} · ${health}`,
    "Work is organised in missions (kitty-specs/<mission>/): spec → plan → tasks → implement → review → accept → merge.",
    "Ask what to do next: spec-kitty next --agent <your-agent> --mission <mission>",
    "See a mission's board: spec-kitty agent tasks status --mission <mission>",
    ...opLines(ops),
  ];
}

/** What the Stop hook prints: a reminder when Ops are still open, nothing otherwise. */
export function sessionReminder(root: string): string[] {
  const ops = openOps(root);
  return ops.length === 0 ? [] : ["spec-kitty: this session ends with open Ops.", ...opLines(ops)];
}
