import { defineCommand } from "citty";
import { printJson } from "../cli/output.ts";
import { jsonArg } from "./_args.ts";

// Placeholder replaced by the init implementation.
export default defineCommand({
  meta: { name: "init", description: "Initialize a project" },
  args: {
    name: { type: "positional", required: false, description: "dir" },
    ai: { type: "string" },
    ...jsonArg,
  },
  run: ({ args }) => {
    printJson(args);
  },
});
