import type * as defs from "./defs/credentials.ts";
import { validator } from "./runtime.ts";

/** `<home>/credentials` (TOML); the definition and its rationale are in `defs/credentials.ts`. */
export type CredentialsFile = (typeof defs.credentialsFile)["infer"];
export const credentialsFile = validator<CredentialsFile>("credentialsFile");
