import { defineCommand } from "citty";

/** `spec-kitty agent release …`: the release gate and the release-notes draft. */
export default defineCommand({
  meta: { name: "release", description: "Check release coherence and draft the next release" },
  subCommands: {
    validate: () => import("./release/validate.ts").then((m) => m.default),
    prep: () => import("./release/prep.ts").then((m) => m.default),
  },
});
