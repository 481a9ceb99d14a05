import type * as defs from "./defs/charter-answers.ts";
import { validator } from "./runtime.ts";

/** `.kittify/charter/interview/answers.yaml`; the definition is in `defs/charter-answers.ts`. */
export type CharterAnswersFile = (typeof defs.charterAnswersSchema)["infer"];
export const charterAnswersSchema = validator<CharterAnswersFile>("charterAnswersSchema");
