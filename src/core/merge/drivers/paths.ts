/**
 * The three paths git gives a merge driver (`%O %A %B`), checked before anything is read. git runs a
 * driver at the top of the work tree with its three temp files side by side there, so every path
 * must really be inside it (no `..`, no symlink out), all three must share one directory, and %A, the
 * one file written, must be a plain file with one link (never a symlink).
 */
import { dirname, resolve } from "node:path";
import { SpecKittyError } from "../../errors.ts";
import { checkDestinations, containedPath, lstatOrNull } from "../../fs/safe-path.ts";

export interface DriverPaths {
  base: string;
  ours: string;
  theirs: string;
}

/** The driver's paths, absolute, once they are safe to read (and %A to write); otherwise throws. */
export function checkDriverPaths(cwd: string, base: string, ours: string, theirs: string): DriverPaths {
  const paths = [base, ours, theirs].map((p) => containedPath(cwd, resolve(cwd, p))) as [
    string,
    string,
    string,
  ];
  checkDestinations(cwd, [paths[1]]);
  if (lstatOrNull(paths[1])?.isSymbolicLink()) {
    throw new SpecKittyError("MERGE_DRIVER_PATHS", `%A ${ours} is a symlink; refusing to write it`, {
      fix: "this command is run by git as a merge driver with %O %A %B (git's temp files are never links)",
    });
  }
  if (new Set(paths.map((p) => dirname(p))).size > 1) {
    throw new SpecKittyError(
      "MERGE_DRIVER_PATHS",
      `%O, %A and %B must be files in one directory (${paths.join(", ")})`,
      { fix: "this command is run by git as a merge driver with %O %A %B" },
    );
  }
  return { base: paths[0], ours: paths[1], theirs: paths[2] };
}
