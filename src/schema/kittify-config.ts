import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { InvalidFileError } from "../core/errors.ts";
import { checkFile } from "./check.ts";
import type * as defs from "./defs/kittify-config.ts";
import { validator } from "./runtime.ts";

export const CONFIG_PATH = ".kittify/config.yaml";

/** `.kittify/config.yaml` as written; the definition and its rationale are in `defs/kittify-config.ts`. */
export type ProjectConfigFile = (typeof defs.projectConfigSchema)["infer"];
export const projectConfigSchema = validator<ProjectConfigFile>("projectConfigSchema");

export interface ProjectConfig {
  agents: {
    /** Agent keys chosen at init, in order. */
    available: string[];
    /** Whether spec-kitty may commit its own files. Off unless the user turns it on. */
    autoCommit: boolean;
  };
  release: { versionIsSpecKittyVersion: boolean };
  vcs: { type: string } | null;
  /** What a freshly created lane worktree needs (paths relative to the project root). */
  worktreeSetup: WorktreeSetup;
}

export interface WorktreeSetup {
  /** Symlinked from the main checkout (e.g. node_modules). */
  link: string[];
  /** Copied from the main checkout (e.g. .env). */
  copy: string[];
  /** Shell commands run in the new worktree, in order. */
  run: string[];
}

/** Parses YAML text; a syntax error becomes InvalidFileError with the line. */
export function parseYamlFile(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    throw new InvalidFileError(file, `not valid YAML (${first.message.split("\n")[0]})`, {
      line: first.linePos?.[0].line,
      fix: `correct ${file} by hand, or restore it from version control`,
    });
  }
  return doc.toJS();
}

/** Validates config text; `file` names it in errors. An empty file means "all defaults". */
export function parseProjectConfig(text: string, file = CONFIG_PATH): ProjectConfig {
  const raw = parseYamlFile(text, file) ?? {};
  const data = checkFile(projectConfigSchema, raw, file);
  return {
    agents: {
      available: data.agents?.available ?? [],
      autoCommit: data.agents?.auto_commit ?? false,
    },
    release: { versionIsSpecKittyVersion: data.release?.version_is_spec_kitty_version ?? false },
    vcs: data.vcs?.type ? { type: data.vcs.type } : null,
    worktreeSetup: {
      link: data.worktrees?.setup?.link ?? [],
      copy: data.worktrees?.setup?.copy ?? [],
      run: data.worktrees?.setup?.run ?? [],
    },
  };
}

/** The project's config, or null when `<root>/.kittify/config.yaml` does not exist. */
export function readProjectConfig(root: string): ProjectConfig | null {
  const path = join(root, CONFIG_PATH);
  if (!existsSync(path)) return null;
  return parseProjectConfig(readFileSync(path, "utf8"), path);
}
