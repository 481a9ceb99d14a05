import type * as defs from "./defs/kittify-metadata.ts";
import { validator } from "./runtime.ts";

/** `.kittify/metadata.yaml`; the definition and its rationale are in `defs/kittify-metadata.ts`. */
export type ProjectMetadata = (typeof defs.projectMetadataSchema)["infer"];
export const projectMetadataSchema = validator<ProjectMetadata>("projectMetadataSchema");
