/**
 * Containment: the one rule for every project path the product opens. A path is accepted only when its
 * real location (every symlink on the way resolved, at any depth) is inside the project root; `..`
 * segments and absolute paths that leave the root are refused before anything is touched. A symlink
 * that stays inside the project is fine; a dangling one is refused (appending through it would create
 * its target wherever it points).
 */
import { lstatSync, realpathSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SpecKittyError } from "../errors.ts";

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** The entry at `path` itself (a symlink is not followed), or null when there is none. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

// Roots are resolved once per process: a command checks dozens of paths under the same root.
const realRoots = new Map<string, string>();

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync(root);
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Where `path` really is: its nearest existing ancestor (the path itself when it exists) resolved
 * through every symlink, plus the part that does not exist yet; null when a symlink on the way dangles.
 */
function realLocation(path: string): string | null {
  let current = path;
  while (lstatOrNull(current) === null) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  try {
    return join(realpathSync(current), relative(current, path));
  } catch {
    return null;
  }
}

function escapeError(
  shown: string,
  fix: string,
  details: Record<string, unknown>,
  why: string,
): SpecKittyError {
  return new SpecKittyError("PATH_ESCAPE", `'${shown}' ${why}`, { fix, details });
}

/**
 * Resolves `rel` under `root` and refuses anything that escapes it: `..` segments, absolute paths, or
 * a symlink (anywhere on the way, the last component included) pointing outside. Returns the path
 * under the real root.
 */
export function resolveInside(root: string, rel: string): string {
  const realRoot = realRootOf(root);
  const target = resolve(realRoot, rel);
  if (!inside(realRoot, target)) {
    throw new SpecKittyError("PATH_ESCAPE", `path '${rel}' is outside the project ${realRoot}`, {
      fix: "use a path inside the project directory",
      details: { path: rel },
    });
  }
  const real = realLocation(target);
  const shown = relative(realRoot, target) || ".";
  if (real === null) {
    throw escapeError(
      shown,
      "remove the dangling symlink or point it inside the project",
      { path: target },
      "leads through a dangling symlink",
    );
  }
  if (!inside(realRoot, real)) {
    throw escapeError(
      shown,
      "remove or replace the symlink so the path stays inside the project",
      { path: target, resolved: real },
      `leads through a symlink to ${real}, outside the project`,
    );
  }
  return target;
}

/**
 * `path` (absolute, or relative to `root`) checked with `resolveInside` and returned as given, under
 * the root the caller knows. The call every reader and writer of a project file makes first.
 */
export function containedPath(root: string, path: string): string {
  const rel = isAbsolute(path) ? relative(root, path) : path;
  resolveInside(root, rel);
  return isAbsolute(path) ? path : join(root, rel);
}

/**
 * Refuses to replace or append to anything but a plain file with a single link (a missing file is
 * fine): a directory, FIFO or device in its place is an error naming it, and a hard link would let a
 * write land in a file elsewhere (the other name shares the bytes). Called by the atomic writer and
 * the appender, so every write checks its destination.
 */
export function checkWritableTarget(
  path: string,
  stat: Stats | null = lstatOrNull(path),
  shown: string = path,
): void {
  if (stat === null || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    throw new SpecKittyError("NOT_A_FILE", `${shown} is a directory, not a file`, {
      fix: "move the directory away (spec-kitty writes a file there)",
      details: { path },
    });
  }
  if (!stat.isFile()) {
    throw new SpecKittyError("NOT_A_FILE", `${shown} is not a regular file (FIFO, socket or device)`, {
      fix: "replace it with a regular file, or remove it",
      details: { path },
    });
  }
  if (stat.nlink > 1) {
    throw new SpecKittyError(
      "HARDLINKED_FILE",
      `${shown} has ${stat.nlink} hard links; refusing to write through it`,
      {
        fix: `break the link (\`cp ${shown} ${shown}.copy && mv ${shown}.copy ${shown}\`) so writes stay in this file`,
        details: { path, links: stat.nlink },
      },
    );
  }
}

/**
 * Every file a command is about to write, checked before the first write (inside the project; absent
 * or a plain file with one link): a refusal then leaves every file as it was.
 */
export function checkDestinations(root: string, paths: readonly string[]): void {
  for (const path of paths) {
    const abs = containedPath(root, path);
    checkWritableTarget(abs, lstatOrNull(abs), relative(root, abs));
  }
}
