import type * as defs from "./defs/owned-files.ts";
import { validator } from "./runtime.ts";

/** `.kittify/owned-files.json`; the definition and its rationale are in `defs/owned-files.ts`. */
export type OwnedFilesManifest = (typeof defs.ownedFilesSchema)["infer"];
export type OwnedEntry = OwnedFilesManifest["files"][number];
export const ownedFilesSchema = validator<OwnedFilesManifest>("ownedFilesSchema");
