import { lstatSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { describeWriteError, makeDirs, removeMadeDirs } from "../fs/rollback.ts";
import { resolveInside } from "../fs/safe-path.ts";
import type { RenderedFile } from "../owned/render.ts";

/**
 * Resolves every destination under `root` and refuses, before anything is written, a path that leads
 * out of the project (e.g. through a planted symlink) or a file that already exists: init never
 * overwrites. Returns the absolute destinations, in the order of `files`.
 */
export function checkDestinations(root: string, files: readonly RenderedFile[]): string[] {
  const targets = files.map((file) => resolveInside(root, file.path));
  const present = files.filter((_, i) => {
    try {
      lstatSync(targets[i] as string);
      return true;
    } catch {
      return false;
    }
  });
  if (present.length > 0) {
    throw new SpecKittyError(
      "INIT_FILE_EXISTS",
      `init would overwrite existing file(s): ${present.map((file) => file.path).join(", ")}`,
      {
        fix: "move those files aside (init never overwrites), then run init again",
        details: { files: present.map((file) => file.path) },
      },
    );
  }
  return targets;
}

/**
 * Writes a new project: all-or-nothing. Every destination is checked first (inside the root, no
 * symlink leading out, nothing already there); then files are written atomically. If anything fails
 * midway, every file and directory this call created is removed again, so no half-written project is
 * left behind, and the error names the path that failed.
 */
export function writeProject(root: string, files: readonly RenderedFile[]): void {
  const createdDirs: string[] = [];
  const written: string[] = [];
  let current = root;
  try {
    makeDirs(root, createdDirs);
    const targets = checkDestinations(root, files);
    files.forEach((file, i) => {
      current = targets[i] as string;
      makeDirs(dirname(current), createdDirs);
      // Fresh files that a failure rolls back anyway: the rename gives atomicity, fsync would only add
      // power-loss durability at ~2 ms a file (see WriteOptions.fsync).
      writeFileAtomic(current, file.content, { fsync: false });
      written.push(current);
    });
  } catch (error) {
    for (const path of written.reverse()) rmSync(path, { force: true });
    removeMadeDirs(createdDirs);
    if (error instanceof SpecKittyError) throw error;
    throw new SpecKittyError("INIT_WRITE_FAILED", `cannot write ${current}: ${describeWriteError(error)}`, {
      fix: "check the directory's permissions and free space; nothing was left behind, so just run init again",
      cause: error,
    });
  }
}
