import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "release", description: "release commands" },
  subCommands: {},
});
