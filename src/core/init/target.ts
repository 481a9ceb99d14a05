import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { CONFIG_FILE } from "./files.ts";

export interface Target {
  /** Absolute path of the project directory. */
  path: string;
  /** True when NAME was given (not omitted, not `.`): the directory may need creating. */
  named: boolean;
  exists: boolean;
  /** `.kittify/config.yaml` is there: the directory is already a spec-kitty project. */
  initialized: boolean;
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Where init will write, and whether that is allowed. A named directory must be new, empty, or already
 * a spec-kitty project; the current directory may hold anything (e.g. an existing repository).
 */
export function inspectTarget(cwd: string, name: string | undefined): Target {
  const named = name !== undefined && name !== "." && name !== "";
  const path = named ? resolve(cwd, name) : cwd;
  if (!existsSync(path)) {
    const ancestor = nearestExisting(path);
    if (!statSync(ancestor).isDirectory()) {
      throw new SpecKittyError("INIT_TARGET_NOT_DIRECTORY", `cannot create ${path}: ${ancestor} is a file`, {
        fix: "choose a project name whose parent path is a directory",
      });
    }
    return { path, named, exists: false, initialized: false };
  }
  if (!statSync(path).isDirectory()) {
    throw new SpecKittyError("INIT_TARGET_NOT_DIRECTORY", `${path} exists and is not a directory`, {
      fix: "choose another project name, or remove that file",
    });
  }
  const initialized = existsSync(resolve(path, CONFIG_FILE));
  if (named && !initialized) {
    const entries = readdirSync(path);
    if (entries.length > 0) {
      const shown = entries.sort().slice(0, 5).join(", ");
      throw new SpecKittyError(
        "INIT_TARGET_CONFLICT",
        `${path} already exists, is not empty (${shown}${entries.length > 5 ? ", …" : ""}) and is not a spec-kitty project`,
        {
          fix: `choose a new or empty directory, or run 'spec-kitty init --ai <keys>' inside ${path} to add spec-kitty to it`,
          details: { path, entries: entries.slice(0, 20) },
        },
      );
    }
  }
  return { path, named, exists: true, initialized };
}
