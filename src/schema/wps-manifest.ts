import type * as defs from "./defs/wps-manifest.ts";
import { validator } from "./runtime.ts";

/** `kitty-specs/<dir>/wps.yaml`; the definition is in `defs/wps-manifest.ts`. */
export type WpsManifestFile = (typeof defs.wpsManifestSchema)["infer"];
export const wpsManifestSchema = validator<WpsManifestFile>("wpsManifestSchema");
