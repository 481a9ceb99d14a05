import { defineCommand } from "citty";
import { printJson, say } from "../cli/output.ts";
import { VERSION } from "../version.ts";
import { jsonArg } from "./_args.ts";

export default defineCommand({
  meta: { name: "version", description: "Print the version of this binary (same as --version)" },
  args: { ...jsonArg },
  run: ({ args }) => {
    if (args.json) printJson({ version: VERSION });
    else say(`spec-kitty ${VERSION}`);
  },
});
