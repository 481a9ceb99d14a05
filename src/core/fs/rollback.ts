/**
 * The pieces every all-or-nothing writer needs to put things back (init's new project, the changeset
 * of upgrade, agent config and doctor): folders made on the way, and a readable reason for a failure.
 */
import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname } from "node:path";

/** Creates `dir` and any missing parents, recording each one in `created` (outermost first). */
export function makeDirs(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing) {
    mkdirSync(path);
    created.push(path);
  }
}

/** Removes the folders `makeDirs` recorded, innermost first; one that is not empty now is left. */
export function removeMadeDirs(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (something else wrote there meanwhile) or already gone: leave it.
    }
  }
}

/** Why a write failed, in words a user can act on (permission, read-only, full disk), with its code. */
export function describeWriteError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const reason =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EROFS"
        ? "read-only file system"
        : code === "ENOSPC"
          ? "no space left on device"
          : error instanceof Error
            ? error.message
            : String(error);
  return code && !reason.includes(code) ? `${reason} (${code})` : reason;
}
