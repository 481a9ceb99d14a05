import type * as defs from "./defs/kittify-config.ts";
import { validator } from "./runtime.ts";

/** `.kittify/config.yaml` as written; the definition and its rationale are in `defs/kittify-config.ts`. */
export type ProjectConfigFile = (typeof defs.projectConfigSchema)["infer"];
export const projectConfigSchema = validator<ProjectConfigFile>("projectConfigSchema");
