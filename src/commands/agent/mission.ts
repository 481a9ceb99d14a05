import { defineCommand } from "citty";

/** `spec-kitty agent mission …`: create and inspect missions, then turn their tasks into lanes. */
export default defineCommand({
  meta: { name: "mission", description: "Create missions, check their files, and finalize their tasks" },
  subCommands: {
    create: () => import("./mission/create.ts").then((m) => m.default),
    "check-prerequisites": () => import("./mission/check-prerequisites.ts").then((m) => m.default),
    "setup-plan": () => import("./mission/setup-plan.ts").then((m) => m.default),
    "branch-context": () => import("./mission/branch-context.ts").then((m) => m.default),
    "finalize-tasks": () => import("./mission/finalize-tasks.ts").then((m) => m.default),
  },
});
