import { defineCommand } from "citty";
import { addAgents } from "../../../core/agent-config/ops.ts";
import { AGENT_KEYS } from "../../../core/agents.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";
import { renderResult } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "add",
    description:
      "Add agents: write their command files and list them in config.yaml\n" +
      "A file spec-kitty did not write that is in the way stops the command (nothing is written);\n" +
      `--force replaces it, keeping its bytes under .kittify/backups/. Keys: ${AGENT_KEYS.join(", ")}`,
  },
  args: {
    agents: {
      type: "positional",
      required: true,
      valueHint: "KEY...",
      description: "Agent keys (claude codex, or claude,codex)",
    },
    force: { type: "boolean", description: "Replace files in the way (after a backup)" },
    dryRun: { type: "boolean", description: "Show what would change and write nothing" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const result = addAgents(projectFromCwd(), args.agents.split(/[\s,]+/), {
      version: VERSION,
      force: Boolean(args.force),
      dryRun: Boolean(args.dryRun),
    });
    renderResult("add", result, Boolean(args.json));
  },
});
