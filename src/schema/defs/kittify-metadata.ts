import { type } from "arktype";

/**
 * `.kittify/metadata.yaml`: which spec-kitty version set the project up. spec-kitty 3.1.x also writes
 * `environment.python_version` and friends; unknown keys are accepted. A version written as a bare
 * YAML number (`version: 3.1`) is a mistake worth reporting, so `version` must be a string.
 */
export const projectMetadataSchema = type({
  spec_kitty: {
    version: "string",
    "initialized_at?": "string | null",
    "last_upgraded_at?": "string | null",
    "+": "ignore",
  },
  "environment?": { "platform?": "string", "arch?": "string", "+": "ignore" },
  "migrations?": { "applied?": "unknown[] | null", "+": "ignore" },
  "+": "ignore",
});
