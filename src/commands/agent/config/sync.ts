import { defineCommand } from "citty";
import { syncAgents } from "../../../core/agent-config/ops.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";
import { renderResult } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "sync",
    description:
      "Restore missing and outdated command files (edited ones only with --force)\n" +
      "Also removes unedited files of agents that are no longer configured. With --force, files you\n" +
      "edited (or that spec-kitty did not write) are replaced after a backup under .kittify/backups/.",
  },
  args: {
    force: { type: "boolean", description: "Replace edited files too (after a backup)" },
    dryRun: { type: "boolean", description: "Show what would change and write nothing" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const result = syncAgents(projectFromCwd(), {
      version: VERSION,
      force: Boolean(args.force),
      dryRun: Boolean(args.dryRun),
    });
    renderResult("sync", result, Boolean(args.json));
  },
});
