import type { AgentSpec } from "../agents.ts";
import { entryFor, MANIFEST_FILE, serializeManifest } from "../owned/manifest.ts";
import { ownedFiles } from "../owned/plan.ts";
import type { RenderedFile } from "../owned/render.ts";

export type { RenderedFile };

export const CONFIG_FILE = ".kittify/config.yaml";
export const METADATA_FILE = ".kittify/metadata.yaml";

export interface Environment {
  platform: string;
  arch: string;
  /** When the project was initialised; the only input that differs between two identical runs. */
  now: Date;
}

/**
 * `agents.auto_commit: true`: each command commits exactly the files it wrote, so the loop never
 * leaves its own bookkeeping behind (README, "The clean-tree contract"). Written by hand (not through a
 * YAML library) so the bytes are fixed and init starts fast.
 */
export function renderConfig(agentKeys: readonly string[]): string {
  return [
    "# spec-kitty project configuration.",
    "agents:",
    "  available:",
    ...agentKeys.map((key) => `    - ${key}`),
    "  # Each spec-kitty command commits exactly the files it wrote (never anything you staged).",
    "  # false: they stay uncommitted, no step refuses them, and `spec-kitty merge` commits them.",
    "  auto_commit: true",
    "",
  ].join("\n");
}

/** ISO 8601 in UTC with an explicit offset and whole seconds, e.g. 2026-01-31T09:30:00+00:00. */
function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** Plain when YAML would read it back as the same string (e.g. 3.1.1-rc.1, linux), else quoted. */
function scalar(value: string): string {
  return /^([A-Za-z][\w.+-]*|\d+\.\d+\.\d+[\w.+-]*)$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/**
 * The project schema spec-kitty 3.2 requires (`spec_kitty.schema_version`, with its capability map as
 * 3.2's own init writes it): without it 3.2 calls the project "requires migration" and refuses most
 * commands (exit 4). 3.0 and 3.1 ignore both keys.
 */
export const PROJECT_SCHEMA_VERSION = 3;
export const PROJECT_SCHEMA_CAPABILITIES = [
  "canonical_context",
  "event_log_authority",
  "ownership_manifest",
  "thin_shims",
] as const;

export function renderMetadata(version: string, env: Environment): string {
  return [
    "# spec-kitty project metadata, written by `spec-kitty init`.",
    "# It records which spec-kitty version set this project up; edit it with care.",
    "spec_kitty:",
    `  version: ${scalar(version)}`,
    `  initialized_at: "${timestamp(env.now)}"`,
    "  last_upgraded_at: null",
    `  schema_version: ${PROJECT_SCHEMA_VERSION}`,
    "  schema_capabilities:",
    ...PROJECT_SCHEMA_CAPABILITIES.map((name) => `    ${name}: true`),
    "environment:",
    `  platform: ${scalar(env.platform)}`,
    `  arch: ${scalar(env.arch)}`,
    "migrations:",
    "  applied: []",
    "",
  ].join("\n");
}

/** The `.kittify/` files every project gets that are the user's to edit (not recorded as owned). */
export function commonFiles(agentKeys: readonly string[], version: string, env: Environment): RenderedFile[] {
  return [
    { path: CONFIG_FILE, content: renderConfig(agentKeys) },
    { path: METADATA_FILE, content: renderMetadata(version, env) },
  ];
}

/**
 * Everything init creates for a selection of agents: the user's config files, the files spec-kitty
 * owns (mission templates, then each agent's commands), and the manifest recording those.
 */
export function planFiles(agents: readonly AgentSpec[], version: string, env: Environment): RenderedFile[] {
  const keys = agents.map((agent) => agent.key);
  const owned = ownedFiles(keys, version);
  return [
    ...commonFiles(keys, version, env),
    ...owned.map(({ path, content }) => ({ path, content })),
    { path: MANIFEST_FILE, content: serializeManifest(owned.map(entryFor), version) },
  ];
}
