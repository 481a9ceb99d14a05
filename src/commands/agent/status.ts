import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "status", description: "status commands" },
  subCommands: {},
});
