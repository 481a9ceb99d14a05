import type * as defs from "./defs/status-snapshot.ts";
import { validator } from "./runtime.ts";

/** `status.json`, the materialised view of the event log; the definition is in `defs/status-snapshot.ts`. */
export type StatusSnapshotFile = (typeof defs.statusSnapshotFile)["infer"];
export const statusSnapshotFile = validator<StatusSnapshotFile>("statusSnapshotFile");
