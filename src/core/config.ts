/**
 * The project's own files under `.kittify/`: `config.yaml` (agents, auto-commit, release, worktree
 * setup, dispatch) and `metadata.yaml` (which spec-kitty set the project up). The one reader of each: a file that
 * does not parse or match its schema is always an error naming the file and line, never "defaults".
 */
import { existsSync } from "node:fs";
import { checkFile, yamlKeyLocator } from "../schema/check.ts";
import { type ProjectConfigFile, projectConfigSchema } from "../schema/kittify-config.ts";
import { type ProjectMetadata, projectMetadataSchema } from "../schema/kittify-metadata.ts";
import { containedPath } from "./fs/safe-path.ts";
import { parseYaml, readTextFile } from "./fs/text.ts";

export const CONFIG_FILE = ".kittify/config.yaml";
export const METADATA_FILE = ".kittify/metadata.yaml";

export interface WorktreeSetup {
  /** Symlinked from the main checkout (e.g. node_modules). */
  link: string[];
  /** Copied from the main checkout (e.g. .env). */
  copy: string[];
  /** Shell commands run in the new worktree, in order. */
  run: string[];
}

/** How one agent CLI is run headless by `spec-kitty dispatch` (`dispatch.agents.<key>`); unset keys keep the built-in values. */
export interface DispatchAgentConfig {
  command?: string[];
  prompt?: "stdin" | "file" | "arg";
  /** Names of extra environment variables the agent gets (its API key, …). */
  env: string[];
  timeoutSeconds?: number;
}

export interface DispatchConfig {
  /** Seconds a run may take before its process group is killed; null = the built-in default. */
  timeoutSeconds: number | null;
  agents: Record<string, DispatchAgentConfig>;
}

export interface ProjectConfig {
  agents: {
    /** Agent keys chosen at init, in order. */
    available: string[];
    /**
     * Whether each command commits the files it wrote (exactly those, never the user's staged work).
     * On unless the project says `auto_commit: false`, as in spec-kitty itself.
     */
    autoCommit: boolean;
  };
  release: { versionIsSpecKittyVersion: boolean };
  vcs: { type: string } | null;
  /** What a freshly created lane worktree needs (paths relative to the project root). */
  worktreeSetup: WorktreeSetup;
  dispatch: DispatchConfig;
}

/** Validates config text; `file` names it in errors. An empty file means "all defaults". */
export function parseProjectConfig(text: string, file = CONFIG_FILE): ProjectConfig {
  const data: ProjectConfigFile = checkFile(
    projectConfigSchema,
    parseYaml(text, file) ?? {},
    file,
    yamlKeyLocator(text),
  );
  // spec-kitty 3.0 and older may call the section `tools` and put auto_commit at the top level.
  const agents = data.agents ?? data.tools;
  return {
    agents: {
      available: agents?.available ?? [],
      autoCommit: agents?.auto_commit ?? data.auto_commit ?? true,
    },
    release: { versionIsSpecKittyVersion: data.release?.version_is_spec_kitty_version ?? false },
    vcs: data.vcs?.type ? { type: data.vcs.type } : null,
    worktreeSetup: {
      link: data.worktrees?.setup?.link ?? [],
      copy: data.worktrees?.setup?.copy ?? [],
      run: data.worktrees?.setup?.run ?? [],
    },
    dispatch: {
      timeoutSeconds: data.dispatch?.timeout ?? null,
      agents: Object.fromEntries(
        Object.entries(data.dispatch?.agents ?? {}).map(([key, agent]) => [
          key,
          {
            ...(agent.command ? { command: agent.command } : {}),
            ...(agent.prompt ? { prompt: agent.prompt } : {}),
            env: agent.env ?? [],
            ...(agent.timeout ? { timeoutSeconds: agent.timeout } : {}),
          },
        ]),
      ),
    },
  };
}

/** The project's config, or null when `<root>/.kittify/config.yaml` does not exist. */
export function readProjectConfig(root: string): ProjectConfig | null {
  const path = containedPath(root, CONFIG_FILE);
  if (!existsSync(path)) return null;
  return parseProjectConfig(readTextFile(path, CONFIG_FILE), CONFIG_FILE);
}

/** Whether spec-kitty commits the files it writes (`agents.auto_commit`, default true). */
export function autoCommitEnabled(root: string): boolean {
  return readProjectConfig(root)?.agents.autoCommit ?? true;
}

export function parseProjectMetadata(text: string, file = METADATA_FILE): ProjectMetadata {
  return checkFile(projectMetadataSchema, parseYaml(text, file), file, yamlKeyLocator(text));
}

/** The project's metadata, or null when `<root>/.kittify/metadata.yaml` does not exist. */
export function readProjectMetadata(root: string): ProjectMetadata | null {
  const path = containedPath(root, METADATA_FILE);
  if (!existsSync(path)) return null;
  return parseProjectMetadata(readTextFile(path, METADATA_FILE), METADATA_FILE);
}
