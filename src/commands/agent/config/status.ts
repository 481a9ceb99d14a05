import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { agentConfigStatus } from "../../../core/agent-config/status.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";

const PAINT = { ok: style.green, edited: style.cyan, orphaned: style.yellow } as Record<
  string,
  (t: string) => string
>;

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Report each agent's missing, outdated and edited command files\n" +
      "Health per agent: ok, missing, outdated (spec-kitty has newer text), edited (changed by you),\n" +
      "conflict (edited and outdated, or a file spec-kitty did not write), orphaned (not configured).",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const status = agentConfigStatus(projectFromCwd(), VERSION);
    if (args.json) {
      printJson({
        agents: status.agents.map((a) => ({
          key: a.key,
          name: a.name,
          directory: a.dir,
          configured: a.configured,
          health: a.health,
          counts: Object.fromEntries(Object.entries(a.counts).filter(([, n]) => n > 0)),
          files: a.files,
        })),
        unknown_configured: status.unknownConfigured,
        available: status.available,
        manifest_present: status.manifestPresent,
      });
      return;
    }
    const width = Math.max(5, ...status.agents.map((a) => a.key.length));
    say(`${"Agent".padEnd(width)}  ${"Configured".padEnd(10)}  ${"Health".padEnd(9)}  Directory`);
    for (const a of status.agents) {
      const paint = PAINT[a.health] ?? style.red;
      say(
        `${a.key.padEnd(width)}  ${(a.configured ? "yes" : "no").padEnd(10)}  ${paint(a.health.padEnd(9))}  ${a.dir}/`,
      );
      for (const f of a.files.filter((file) => file.state !== "current")) say(`    ${f.state}: ${f.path}`);
    }
    if (status.unknownConfigured.length)
      say(`Unknown keys in config.yaml: ${status.unknownConfigured.join(", ")}`);
    if (!status.manifestPresent)
      say("No .kittify/owned-files.json yet: `spec-kitty agent config sync` records the files.");
    const broken = status.agents.filter((a) => a.health !== "ok" && a.health !== "edited");
    if (broken.length) say(`Repair with: spec-kitty agent config sync`);
  },
});
