import type * as defs from "./defs/lanes.ts";
import { validator } from "./runtime.ts";

/** `kitty-specs/<slug>/lanes.json`; the definition is in `defs/lanes.ts`. */
export type LanesFile = (typeof defs.lanesFileSchema)["infer"];
export const lanesFileSchema = validator<LanesFile>("lanesFileSchema");
