import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "sync", description: "Push status events to the sync server" },
  subCommands: {},
});
