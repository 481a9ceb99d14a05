import { defineCommand } from "citty";

/** `spec-kitty agent action …`: the per-WP verbs `spec-kitty next` points agents at. */
export default defineCommand({
  meta: {
    name: "action",
    description:
      "Start implementing or reviewing a work package (what `spec-kitty next` tells you to run)\n" +
      "Each verb claims the WP, prepares its workspace and writes a prompt file with the brief.",
  },
  subCommands: {
    implement: () => import("./action/implement.ts").then((m) => m.default),
    review: () => import("./action/review.ts").then((m) => m.default),
  },
});
