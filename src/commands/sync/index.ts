import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

export default defineCommand({
  meta: { name: "sync", description: "Push status events to the sync server" },
  subCommands: {
    now: lazy("Push queued status events to the sync server now", () => import("./now.ts")),
    status: lazy("Show the local event queue, the last sync and the server", () => import("./status.ts")),
  },
});
