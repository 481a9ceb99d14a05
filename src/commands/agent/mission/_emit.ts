import { printJson } from "../../../cli/output.ts";
import { VERSION } from "../../../version.ts";

/**
 * Mission commands print JSON as one line with `spec_kitty_version` as the last key, like spec-kitty
 * 3.1 does, so agents and scripts written for it parse our output unchanged.
 */
export function emitMissionJson(payload: Record<string, unknown>): void {
  const { spec_kitty_version: _ignored, ...rest } = payload;
  printJson({ ...rest, spec_kitty_version: VERSION }, 0);
}
