/**
 * Places that lead out of the project (a symlink out, or dangling): the project's own (`.kittify/`,
 * `kitty-specs/`, `.worktrees/` and its entries, `kitty-ops/`, `.gitattributes`), every mission's, and
 * the agents' command-file folders. Every other check would read through them and every fix could write through
 * them, so when one is found doctor reports these alone and `--fix` changes nothing.
 */
import { type Dirent, readdirSync } from "node:fs";
import { join } from "node:path";
import { AGENTS } from "../agents.ts";
import { isSpecKittyError, type SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { checkMissionContained, checkProjectContained } from "../mission/contained.ts";
import { listMissions } from "../mission/resolve.ts";
import type { DoctorContext, Finding } from "./types.ts";

function problemOf(check: () => unknown): SpecKittyError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    return error;
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

export function checkContainment(ctx: DoctorContext): Finding[] {
  const finding = (error: SpecKittyError): Finding => ({
    check: "containment",
    severity: "error",
    message: error.message,
    subject: String(error.details?.path ?? ""),
    fix: error.fix,
  });
  const project = problemOf(() => checkProjectContained(ctx.root));
  if (project) return [finding(project)];
  const problems: (SpecKittyError | null)[] = [
    ...listMissions(ctx.root).map((mission) => problemOf(() => checkMissionContained(mission))),
    ...entries(join(ctx.root, ".worktrees"))
      .filter((entry) => entry.isSymbolicLink())
      .map((entry) => problemOf(() => containedPath(ctx.root, join(".worktrees", entry.name)))),
    ...[".gitattributes", ...new Set(AGENTS.map((agent) => agent.dir))].map((rel) =>
      problemOf(() => containedPath(ctx.root, rel)),
    ),
  ];
  return problems.filter((p): p is SpecKittyError => p !== null).map(finding);
}
