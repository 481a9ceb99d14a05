import type * as defs from "./defs/status-event.ts";
import { validator } from "./runtime.ts";

/** One lane-event line of `status.events.jsonl`; the definition is in `defs/status-event.ts`. */
export type StatusEventLine = (typeof defs.statusEventLine)["infer"];
export const statusEventLine = validator<StatusEventLine>("statusEventLine");

/** One `kind: "annotation"` line of `status.events.jsonl` (runtime state, not a lane change). */
export type AnnotationLine = (typeof defs.annotationLine)["infer"];
export const annotationLine = validator<AnnotationLine>("annotationLine");
