import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "tasks", description: "tasks commands" },
  subCommands: {},
});
