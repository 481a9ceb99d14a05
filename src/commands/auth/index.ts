import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "auth", description: "Log in to the sync server, check or end the session" },
  subCommands: {},
});
