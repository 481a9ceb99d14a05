import { defineCommand } from "citty";

/** `spec-kitty agent …`: the machine-facing namespace agents call from slash commands. */
export default defineCommand({
  meta: { name: "agent", description: "Commands for AI agents (missions, tasks, status, actions, release)" },
  subCommands: {
    mission: () => import("./mission.ts").then((m) => m.default),
    tasks: () => import("./tasks.ts").then((m) => m.default),
    status: () => import("./status.ts").then((m) => m.default),
    action: () => import("./action.ts").then((m) => m.default),
    release: () => import("./release.ts").then((m) => m.default),
  },
});
