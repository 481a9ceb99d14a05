import { type } from "arktype";

/**
 * The slices of other tools' files that `agent release` reads: only the version fields are checked,
 * everything else in those files belongs to npm, Python packaging or Cargo and is ignored.
 */
export const packageJsonVersionSchema = type({ "version?": "string", "+": "ignore" });

export const pyprojectVersionSchema = type({
  "project?": { "version?": "string", "+": "ignore" },
  "+": "ignore",
});

export const cargoVersionSchema = type({
  // `version.workspace = true` (inherit from the workspace) is an object, not a version string.
  "package?": { "version?": type("string").or({ workspace: "boolean" }), "+": "ignore" },
  "+": "ignore",
});

/** The release facts a mission's meta.json may carry (on top of `src/schema/meta.ts`). */
export const missionReleaseSchema = type({
  "accepted_at?": "string | null",
  "merged_at?": "string | null",
  "change_type?": "string | null",
  "+": "ignore",
});
