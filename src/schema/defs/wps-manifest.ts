import { type } from "arktype";

/**
 * `kitty-specs/<dir>/wps.yaml`, the structured WP manifest of spec-kitty 3.1+. When it exists,
 * `finalize-tasks` takes dependencies from it instead of tasks.md prose; only an explicit
 * `dependencies` key counts (a missing one means none). Unknown keys (3.2 writes `plan_concern_refs`,
 * `cross_cutting`, `execution_mode`, …) are accepted, as upstream's loader accepts them.
 */
export const wpsManifestSchema = type({
  work_packages: type({
    id: "string > 0",
    "title?": "string | null",
    "dependencies?": "string[] | null",
    "owned_files?": "string[] | null",
    "requirement_refs?": "string[] | null",
    "subtasks?": "unknown[] | null",
    "prompt_file?": "string | null",
    "+": "ignore",
  }).array(),
  "+": "ignore",
});
