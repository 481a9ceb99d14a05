/** What every `agent config` operation starts from: the project's config, manifest and version gate. */
import { existsSync } from "node:fs";
import { AGENT_KEYS, findAgent } from "../agents.ts";
import { CONFIG_FILE, parseProjectConfig } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { OwnedFilesManifest } from "../owned/manifest.ts";
import { readManifest } from "../owned/manifest-read.ts";
import { assertNotTooNew, projectVersions } from "../upgrade/version-gate.ts";

export interface AgentContext {
  root: string;
  configText: string;
  /** `agents.available` as written (unknown keys included, so they are reported, not dropped). */
  configured: string[];
  manifest: OwnedFilesManifest | null;
}

export function loadAgentContext(root: string): AgentContext {
  const path = containedPath(root, CONFIG_FILE);
  if (!existsSync(path)) {
    throw new SpecKittyError("NOT_A_PROJECT", `${root} has no ${CONFIG_FILE}`, {
      fix: "run `spec-kitty init --ai <keys>` first",
    });
  }
  const configText = readTextFile(path, CONFIG_FILE);
  const configured = parseProjectConfig(configText, CONFIG_FILE).agents.available;
  return { root, configText, configured, manifest: readManifest(root) };
}

/** The same context, refusing a project written by a newer spec-kitty (for commands that write). */
export function loadWritableContext(root: string, version: string): AgentContext {
  const context = loadAgentContext(root);
  assertNotTooNew(projectVersions(root, context.manifest), version);
  return context;
}

/** Agent keys from the command line: lower-cased, de-duplicated, every one known (else exit 1). */
export function checkAgentKeys(keys: readonly string[]): string[] {
  const wanted = [
    ...new Set(
      keys
        .flatMap((k) => k.split(","))
        .map((k) => k.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (wanted.length === 0) {
    throw new SpecKittyError("USAGE", "name at least one agent key", {
      exitCode: 2,
      fix: `valid keys: ${AGENT_KEYS.join(", ")}`,
    });
  }
  const unknown = wanted.filter((key) => !findAgent(key));
  if (unknown.length > 0) {
    throw new SpecKittyError("UNKNOWN_AGENT", `unknown agent key(s): ${unknown.join(", ")}`, {
      fix: `valid keys: ${AGENT_KEYS.join(", ")}`,
      details: { unknown, valid: AGENT_KEYS },
    });
  }
  return wanted;
}
