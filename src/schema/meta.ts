import type * as defs from "./defs/meta.ts";
import { validator } from "./runtime.ts";

/** `kitty-specs/<slug>/meta.json`; the definition and its rationale are in `defs/meta.ts`. */
export type MissionMeta = (typeof defs.missionMetaSchema)["infer"] & Record<string, unknown>;
export const missionMetaSchema = validator<MissionMeta>("missionMetaSchema");
