import type * as defs from "./defs/dispatch-journal.ts";
import { validator } from "./runtime.ts";

/** The dispatch journal's two shapes; the definitions are in `defs/dispatch-journal.ts`. */
export type DispatchOwner = (typeof defs.dispatchOwnerSchema)["infer"];
export type DispatchRunLine = (typeof defs.dispatchRunLine)["infer"];
export const dispatchOwnerSchema = validator<DispatchOwner>("dispatchOwnerSchema");
export const dispatchRunLine = validator<DispatchRunLine>("dispatchRunLine");
