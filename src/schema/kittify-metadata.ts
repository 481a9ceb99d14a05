import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "./check.ts";
import type * as defs from "./defs/kittify-metadata.ts";
import { parseYamlFile } from "./kittify-config.ts";
import { validator } from "./runtime.ts";

export const METADATA_PATH = ".kittify/metadata.yaml";

/** `.kittify/metadata.yaml`; the definition and its rationale are in `defs/kittify-metadata.ts`. */
export type ProjectMetadata = (typeof defs.projectMetadataSchema)["infer"];
export const projectMetadataSchema = validator<ProjectMetadata>("projectMetadataSchema");

export function parseProjectMetadata(text: string, file = METADATA_PATH): ProjectMetadata {
  return checkFile(projectMetadataSchema, parseYamlFile(text, file), file);
}

/** The project's metadata, or null when `<root>/.kittify/metadata.yaml` does not exist. */
export function readProjectMetadata(root: string): ProjectMetadata | null {
  const path = join(root, METADATA_PATH);
  if (!existsSync(path)) return null;
  return parseProjectMetadata(readFileSync(path, "utf8"), path);
}
