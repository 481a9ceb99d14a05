import type * as defs from "./defs/user-config.ts";
import { validator } from "./runtime.ts";

/** `<home>/config.toml`; the definition is in `defs/user-config.ts`. */
export type UserConfigFile = (typeof defs.userConfigFile)["infer"];
export const userConfigFile = validator<UserConfigFile>("userConfigFile");
