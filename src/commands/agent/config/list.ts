import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { agentConfigStatus } from "../../../core/agent-config/status.ts";
import { findAgent } from "../../../core/agents.ts";
import { autoCommitEnabled } from "../../../core/config.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "list",
    description:
      "List the configured agents and the ones available\n" +
      "For each configured agent: where its commands live in the project and whether they are healthy.",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const root = projectFromCwd();
    const status = agentConfigStatus(root, VERSION);
    const configured = status.agents.filter((a) => a.configured);
    const autoCommit = autoCommitEnabled(root);
    if (args.json) {
      printJson({
        configured: configured.map((a) => ({
          key: a.key,
          name: a.name,
          directory: a.dir,
          format: findAgent(a.key)?.format,
          health: a.health,
        })),
        unknown_configured: status.unknownConfigured,
        available: status.available,
        auto_commit: autoCommit,
      });
      return;
    }
    say("Configured agents:");
    if (configured.length === 0) say("  (none)");
    for (const a of configured) {
      const mark = a.health === "ok" || a.health === "edited" ? style.green("✓") : style.yellow("!");
      say(`  ${mark} ${a.key} (${a.dir}/)${a.health === "ok" ? "" : `  ${a.health}`}`);
    }
    for (const key of status.unknownConfigured)
      say(`  ${style.red("?")} ${key} (unknown to this spec-kitty)`);
    say(`Auto-commit: ${autoCommit ? "on" : "off"}`);
    const orphaned = status.agents.filter((a) => !a.configured).map((a) => a.key);
    if (orphaned.length)
      say(`Files of agents not configured: ${orphaned.join(", ")} (see agent config status)`);
    say(`Available: ${status.available.join(", ") || "none"}`);
  },
});
