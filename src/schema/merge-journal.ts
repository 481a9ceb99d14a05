import type * as defs from "./defs/merge-journal.ts";
import { validator } from "./runtime.ts";

/** The merge journal; the definition is in `defs/merge-journal.ts`. */
export type MergeJournal = (typeof defs.mergeJournalSchema)["infer"];
export type JournalLane = (typeof defs.journalLaneSchema)["infer"];
export type JournalStep = (typeof defs.journalStepSchema)["infer"];
export const mergeJournalSchema = validator<MergeJournal>("mergeJournalSchema");
