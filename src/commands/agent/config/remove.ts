import { defineCommand } from "citty";
import { removeAgents } from "../../../core/agent-config/ops.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";
import { renderResult } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "remove",
    description:
      "Remove agents: delete their unedited command files and drop them from config.yaml\n" +
      "Only files spec-kitty wrote and you did not change are deleted; edited ones are kept and named.",
  },
  args: {
    agents: { type: "positional", required: true, valueHint: "KEY...", description: "Agent keys to remove" },
    dryRun: { type: "boolean", description: "Show what would change and write nothing" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const result = removeAgents(projectFromCwd(), args.agents.split(/[\s,]+/), {
      version: VERSION,
      force: false,
      dryRun: Boolean(args.dryRun),
    });
    renderResult("remove", result, Boolean(args.json));
  },
});
