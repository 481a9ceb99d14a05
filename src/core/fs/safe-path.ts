import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SpecKittyError } from "../errors.ts";

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** The nearest existing ancestor of `path`, resolved through symlinks. */
function realAncestor(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return join(realpathSync(current), relative(current, path));
}

/**
 * Resolves `rel` under `root` and refuses anything that escapes it: `..` segments, absolute paths, or
 * a symlink (anywhere on the way) pointing outside. Every write of a path derived from user input or
 * from disk goes through here, so a hostile slug or a planted symlink cannot make us write elsewhere.
 */
export function resolveInside(root: string, rel: string): string {
  const realRoot = realpathSync(root);
  const target = resolve(realRoot, rel);
  if (!inside(realRoot, target)) {
    throw new SpecKittyError("PATH_ESCAPE", `path '${rel}' is outside the project ${realRoot}`, {
      fix: "use a path inside the project directory",
    });
  }
  const real = realAncestor(target);
  const leafIsLink = existsSync(target) && lstatSync(target).isSymbolicLink();
  if (!inside(realRoot, real) || (leafIsLink && !inside(realRoot, realpathSync(target)))) {
    throw new SpecKittyError("PATH_ESCAPE", `'${rel}' leads through a symlink to outside the project`, {
      fix: "remove or replace the symlink so the path stays inside the project",
      details: { path: target, resolved: real },
    });
  }
  return target;
}
