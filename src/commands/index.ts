import { defineCommand } from "citty";

/** The root command. Subcommands load lazily; only commands that work are registered. */
export default defineCommand({
  meta: {
    name: "spec-kitty",
    description:
      "Spec-driven development for AI coding agents\n" +
      "Turn intent into missions (spec → plan → tasks), split tasks into work packages, run them in\n" +
      "parallel lanes, and drive agents through the `spec-kitty next` loop.",
  },
  subCommands: {
    init: () => import("./init.ts").then((m) => m.default),
    agent: () => import("./agent/index.ts").then((m) => m.default),
    next: () => import("./next.ts").then((m) => m.default),
    implement: () => import("./implement.ts").then((m) => m.default),
    auth: () => import("./auth/index.ts").then((m) => m.default),
    sync: () => import("./sync/index.ts").then((m) => m.default),
    merge: () => import("./merge.ts").then((m) => m.default),
    accept: () => import("./accept.ts").then((m) => m.default),
    "merge-driver-event-log": () => import("./merge-driver-event-log.ts").then((m) => m.default),
  },
});
