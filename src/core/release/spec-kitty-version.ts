/**
 * What the project records about spec-kitty itself: the version in `.kittify/metadata.yaml` and whether
 * `.kittify/config.yaml` declares the project's version to BE the spec-kitty version (true only in the
 * spec-kitty repository, which dogfoods its own release gate). Validation is `init`'s schemas; this file
 * only adds the line numbers release messages quote.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  CONFIG_FILE as CONFIG_PATH,
  METADATA_FILE as METADATA_PATH,
  parseProjectConfig,
  parseProjectMetadata,
} from "../config.ts";
import { readTextFile } from "../fs/text.ts";
import { parseYamlWithLines } from "./locate.ts";
import type { Located, VersionSource } from "./project-version.ts";
import { parseVersion } from "./version.ts";

export const METADATA_FILE = METADATA_PATH;
export const CONFIG_FILE = CONFIG_PATH;

export interface SpecKittyFacts {
  /** Where config.yaml turns `release.version_is_spec_kitty_version` on, or null when it is off. */
  tiedAt: Located | null;
  /** `spec_kitty.version`, or null when metadata.yaml does not exist. */
  metadata: VersionSource | null;
}

function readText(root: string, file: string): string | null {
  const path = join(root, file);
  return existsSync(path) ? readTextFile(path, file) : null;
}

export function readSpecKittyFacts(root: string): SpecKittyFacts {
  let tiedAt: Located | null = null;
  const configText = readText(root, CONFIG_FILE);
  if (configText !== null && parseProjectConfig(configText, CONFIG_FILE).release.versionIsSpecKittyVersion) {
    const { line } = parseYamlWithLines(configText, CONFIG_FILE).at([
      "release",
      "version_is_spec_kitty_version",
    ]);
    tiedAt = { file: CONFIG_FILE, line, value: "release.version_is_spec_kitty_version: true" };
  }
  const metaText = readText(root, METADATA_FILE);
  if (metaText === null) return { tiedAt, metadata: null };
  const value = parseProjectMetadata(metaText, METADATA_FILE).spec_kitty.version;
  const { line } = parseYamlWithLines(metaText, METADATA_FILE).at(["spec_kitty", "version"]);
  return { tiedAt, metadata: { file: METADATA_FILE, line, value, version: parseVersion(value) } };
}
