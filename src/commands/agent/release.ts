import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent release …`: the release gate and the release-notes draft. */
export default defineCommand({
  meta: { name: "release", description: "Check release coherence and draft the next release" },
  subCommands: {
    validate: lazy(
      "Check that the project version, .kittify/metadata.yaml and CHANGELOG.md agree (the release gate)",
      () => import("./release/validate.ts"),
    ),
    prep: lazy(
      "Propose the next version and draft its CHANGELOG.md block (changes no file)",
      () => import("./release/prep.ts"),
    ),
  },
});
