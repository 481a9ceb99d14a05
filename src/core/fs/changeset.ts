/**
 * A set of file writes and deletes inside a project that lands whole or not at all: every path is
 * checked first (inside the project, no symlink out; a file written is absent or a plain file with one
 * link), each write is atomic, and if any step fails
 * every file already changed gets its old bytes back. Commands that change several files at once
 * (`agent config`, upgrade, doctor --fix) go through here.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "./atomic.ts";
import { describeWriteError, makeDirs, removeMadeDirs } from "./rollback.ts";
import { checkDestinations, resolveInside } from "./safe-path.ts";

export interface FileChange {
  /** Project-relative path. */
  path: string;
  /** New bytes, or null to delete the file. */
  content: string | null;
  /** Copy the current bytes to the backup folder first (only when the file exists). */
  backup?: boolean;
}

export interface ChangeOptions {
  /** Project-relative folder receiving backups, e.g. `.kittify/backups/20260101T120000Z`. */
  backupDir?: string;
  /** After deleting a file, remove its parent folders that became empty (never the project root). */
  pruneEmptyDirs?: boolean;
}

export interface ChangeResult {
  /** Project-relative paths of the backups made. */
  backups: string[];
}

interface Applied {
  abs: string;
  /** Bytes before the change, or null when the file did not exist. */
  before: Buffer | null;
}

function readBefore(abs: string, path: string): Buffer | null {
  if (!existsSync(abs)) return null;
  if (!lstatSync(abs).isFile()) {
    throw new SpecKittyError("NOT_A_FILE", `${path} is not a regular file`, {
      fix: "move it aside and retry",
      details: { path },
    });
  }
  return readFileSync(abs);
}

function pruneUp(root: string, from: string): void {
  for (
    let dir = from;
    relative(root, dir) !== "" && !relative(root, dir).startsWith("..");
    dir = dirname(dir)
  ) {
    if (!existsSync(dir) || readdirSync(dir).length > 0) return;
    rmdirSync(dir);
  }
}

/** A changeset whose every path was checked and whose old bytes were read: nothing written yet. */
export interface PreparedChanges {
  root: string;
  changes: readonly FileChange[];
  options: ChangeOptions;
  targets: string[];
  backupTargets: (string | null)[];
  befores: (Buffer | null)[];
}

/**
 * Checks every destination and backup before anything is written: inside the project (no symlink
 * out), and a file that is written is absent or a plain file with one link (`checkDestinations`). A
 * command with other writes to make (upgrade's status events) prepares first, so a refusal here
 * leaves every file as it was.
 */
export function prepareChanges(
  project: string,
  changes: readonly FileChange[],
  options: ChangeOptions = {},
): PreparedChanges {
  const root = realpathSync(project);
  const targets = changes.map((change) => resolveInside(root, change.path));
  const backupTargets = changes.map((change) =>
    change.backup && options.backupDir ? resolveInside(root, join(options.backupDir, change.path)) : null,
  );
  checkDestinations(root, [
    ...targets.filter((_, i) => changes[i]?.content !== null),
    ...backupTargets.filter((path): path is string => path !== null),
  ]);
  const befores = targets.map((abs, i) => readBefore(abs, changes[i]?.path as string));
  return { root, changes, options, targets, backupTargets, befores };
}

/** Writes a prepared changeset: all of it, or (when a write fails) none of it. */
export function commitChanges(prepared: PreparedChanges): ChangeResult {
  const { root, changes, options, targets, backupTargets, befores } = prepared;
  const applied: Applied[] = [];
  const createdDirs: string[] = [];
  const backups: string[] = [];
  let current = "";
  try {
    changes.forEach((change, i) => {
      const abs = targets[i] as string;
      const before = befores[i] ?? null;
      current = change.path;
      const backup = backupTargets[i];
      if (backup && before !== null) {
        makeDirs(dirname(backup), createdDirs);
        writeFileAtomic(backup, before);
        applied.push({ abs: backup, before: null });
        backups.push(relative(root, backup));
      }
      if (change.content === null) {
        if (before === null) return;
        rmSync(abs);
      } else {
        makeDirs(dirname(abs), createdDirs);
        writeFileAtomic(abs, change.content);
      }
      applied.push({ abs, before });
    });
  } catch (error) {
    for (const step of applied.reverse()) {
      if (step.before === null) rmSync(step.abs, { force: true });
      else writeFileAtomic(step.abs, step.before);
    }
    removeMadeDirs(createdDirs);
    if (error instanceof SpecKittyError) throw error;
    throw new SpecKittyError("WRITE_FAILED", `cannot write ${current}: ${describeWriteError(error)}`, {
      fix: "check permissions and free space; every file was restored, so run the command again",
      cause: error,
    });
  }
  if (options.pruneEmptyDirs) {
    changes.forEach((change, i) => {
      if (change.content === null) pruneUp(root, dirname(targets[i] as string));
    });
  }
  return { backups };
}

/** `prepareChanges` then `commitChanges`: every path checked, then all files written or none. */
export function applyChanges(
  project: string,
  changes: readonly FileChange[],
  options: ChangeOptions = {},
): ChangeResult {
  return commitChanges(prepareChanges(project, changes, options));
}

/** `.kittify/backups/<UTC stamp>`: where one command run keeps the bytes it replaced. */
export function backupDirFor(now: Date): string {
  return `.kittify/backups/${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}`;
}
