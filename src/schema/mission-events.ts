import type * as defs from "./defs/mission-events.ts";
import { validator } from "./runtime.ts";

/** One line of `mission-events.jsonl`; the definition is in `defs/mission-events.ts`. */
export type MissionEventLine = (typeof defs.missionEventLine)["infer"];
export const missionEventLine = validator<MissionEventLine>("missionEventLine");
