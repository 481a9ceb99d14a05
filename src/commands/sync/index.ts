import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "sync", description: "Push status events to the sync server" },
  subCommands: {
    now: () => import("./now.ts").then((m) => m.default),
    status: () => import("./status.ts").then((m) => m.default),
  },
});
