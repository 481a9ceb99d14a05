import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent action …`: the per-WP verbs `spec-kitty next` points agents at. */
export default defineCommand({
  meta: {
    name: "action",
    description:
      "Start implementing or reviewing a work package (what `spec-kitty next` tells you to run)\n" +
      "Each verb claims the WP, prepares its workspace and writes a prompt file with the brief.",
  },
  subCommands: {
    implement: lazy("Claim a work package and prepare its workspace", () => import("./action/implement.ts")),
    review: lazy(
      "Claim a work package's review and write the review prompt",
      () => import("./action/review.ts"),
    ),
  },
});
