import type * as defs from "./defs/status-event.ts";
import { validator } from "./runtime.ts";

/** One line of `status.events.jsonl`; the definition is in `defs/status-event.ts`. */
export type StatusEventLine = (typeof defs.statusEventLine)["infer"];
export const statusEventLine = validator<StatusEventLine>("statusEventLine");
