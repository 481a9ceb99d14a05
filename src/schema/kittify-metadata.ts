import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type } from "arktype";
import { checkFile } from "./check.ts";
import { parseYamlFile } from "./kittify-config.ts";

export const METADATA_PATH = ".kittify/metadata.yaml";

/**
 * `.kittify/metadata.yaml`: which spec-kitty version set the project up. spec-kitty 3.1.x also writes
 * `environment.python_version` and friends; unknown keys are accepted. A version written as a bare
 * YAML number (`version: 3.1`) is a mistake worth reporting, so `version` must be a string.
 */
export const projectMetadataSchema = type({
  spec_kitty: {
    version: "string",
    "initialized_at?": "string | null",
    "last_upgraded_at?": "string | null",
    "+": "ignore",
  },
  "environment?": { "platform?": "string", "arch?": "string", "+": "ignore" },
  "migrations?": { "applied?": "unknown[] | null", "+": "ignore" },
  "+": "ignore",
});

export type ProjectMetadata = typeof projectMetadataSchema.infer;

export function parseProjectMetadata(text: string, file = METADATA_PATH): ProjectMetadata {
  return checkFile(projectMetadataSchema, parseYamlFile(text, file), file);
}

/** The project's metadata, or null when `<root>/.kittify/metadata.yaml` does not exist. */
export function readProjectMetadata(root: string): ProjectMetadata | null {
  const path = join(root, METADATA_PATH);
  if (!existsSync(path)) return null;
  return parseProjectMetadata(readFileSync(path, "utf8"), path);
}
