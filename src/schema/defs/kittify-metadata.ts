import { type } from "arktype";

/**
 * `.kittify/metadata.yaml`: which spec-kitty version set the project up, and (3.0 migration and 3.2
 * init onwards) `spec_kitty.schema_version`, the integer spec-kitty 3.2 gates every command on, with
 * `schema_capabilities` as a list (3.0 migration) or a name → boolean map (3.2 init). spec-kitty also
 * writes `environment.python_version` and friends (or an empty `environment:`); unknown keys are
 * accepted. A version written as a bare YAML number (`version: 3.1`) is a mistake worth reporting, so
 * `version` must be a string.
 */
export const projectMetadataSchema = type({
  spec_kitty: {
    version: "string",
    "initialized_at?": "string | null",
    "last_upgraded_at?": "string | null",
    "schema_version?": "number.integer | string | null",
    "schema_capabilities?": "string[] | Record<string, boolean> | null",
    "+": "ignore",
  },
  "environment?": type({ "platform?": "string", "arch?": "string", "+": "ignore" }).or("null"),
  "migrations?": type({ "applied?": "unknown[] | null", "+": "ignore" }).or("null"),
  "+": "ignore",
});
