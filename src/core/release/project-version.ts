/**
 * The project's own version, from whichever of package.json, pyproject.toml (`[project].version`) and
 * Cargo.toml (`[package].version`) exist, each with the line it sits on.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkFile } from "../../schema/check.ts";
import {
  cargoVersionSchema,
  packageJsonVersionSchema,
  pyprojectVersionSchema,
} from "../../schema/release-files.ts";
import { isSpecKittyError } from "../errors.ts";
import { parseJson, parseToml, readTextFile } from "../fs/text.ts";
import { findProjectRoot } from "../project.ts";
import { jsonTopLevelKeyLine, tomlKeyLine } from "./locate.ts";
import { parseVersion, type Version } from "./version.ts";

/** A value found in a file: what every release message quotes. */
export interface Located {
  file: string;
  line: number | undefined;
  value: string;
}

export interface VersionSource extends Located {
  /** Null when the value is not a valid semver or PEP 440 version. */
  version: Version | null;
}

export const MANIFESTS = ["package.json", "pyproject.toml", "Cargo.toml"] as const;

/** `package.json line 3: 3.1.1` — the one way a location is written in messages. */
export function describe(at: Located): string {
  return `${at.file}${at.line === undefined ? "" : ` line ${at.line}`}: ${at.value}`;
}

/**
 * The directory whose files a release is cut from: the spec-kitty project root when there is one
 * (so a lane worktree checks the main checkout), else the nearest directory with a manifest.
 */
export function releaseRoot(cwd: string): string {
  try {
    return findProjectRoot(cwd);
  } catch (error) {
    if (!isSpecKittyError(error) || error.code !== "NOT_A_PROJECT") throw error;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (MANIFESTS.some((name) => existsSync(join(dir, name)))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

function source(file: string, value: string, line: number | undefined): VersionSource {
  return { file, line, value, version: parseVersion(value) };
}

/** Every declared project version, in the order package.json, pyproject.toml, Cargo.toml. */
export function readProjectVersions(root: string): VersionSource[] {
  const found: VersionSource[] = [];
  const read = (name: string) => {
    const path = join(root, name);
    return existsSync(path) ? readTextFile(path, name) : null;
  };
  const pkgText = read("package.json");
  if (pkgText !== null) {
    const pkg = checkFile(packageJsonVersionSchema, parseJson(pkgText, "package.json"), "package.json");
    if (pkg.version !== undefined)
      found.push(source("package.json", pkg.version, jsonTopLevelKeyLine(pkgText, "version")));
  }
  const pyText = read("pyproject.toml");
  if (pyText !== null) {
    const py = checkFile(pyprojectVersionSchema, parseToml(pyText, "pyproject.toml"), "pyproject.toml");
    if (py.project?.version !== undefined)
      found.push(source("pyproject.toml", py.project.version, tomlKeyLine(pyText, "project", "version")));
  }
  const cargoText = read("Cargo.toml");
  if (cargoText !== null) {
    const cargo = checkFile(cargoVersionSchema, parseToml(cargoText, "Cargo.toml"), "Cargo.toml");
    // `version.workspace = true` defers to the workspace root, which is not this file's business.
    const version = cargo.package?.version;
    if (typeof version === "string")
      found.push(source("Cargo.toml", version, tomlKeyLine(cargoText, "package", "version")));
  }
  return found;
}
