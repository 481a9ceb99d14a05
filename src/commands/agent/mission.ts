import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "mission", description: "mission commands" },
  subCommands: {},
});
