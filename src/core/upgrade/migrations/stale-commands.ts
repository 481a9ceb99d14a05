/**
 * Command files of commands this spec-kitty no longer has (e.g. upstream's clarify, dashboard,
 * constitution, tasks-outline) in the configured agents' directories. Recorded ones are the owned-files
 * refresh's business; an unrecorded one that carries spec-kitty's version marker is removed after a
 * backup; one without the marker stays, reported.
 */
import { AGENTS } from "../../agents.ts";
import { ownedFiles } from "../../owned/plan.ts";
import { hasVersionMarker } from "../../owned/reconcile.ts";
import { empty, type Migration } from "../types.ts";

export const staleCommandsMigration: Migration = {
  id: "retire_stale_command_files",
  description: "Remove generated command files of commands spec-kitty no longer ships (backed up)",
  plan(ctx) {
    const out = empty();
    const planned = new Set(ownedFiles(ctx.agents, ctx.version).map((f) => f.path));
    const recorded = new Set(ctx.manifest?.files.map((f) => f.path) ?? []);
    const dirs = [...new Set(AGENTS.filter((a) => ctx.agents.includes(a.key)).map((a) => a))];
    for (const agent of dirs) {
      for (const name of ctx.overlay.listDir(agent.dir)) {
        if (!name.startsWith("spec-kitty.")) continue;
        const path = agent.format === "skill" ? `${agent.dir}/${name}/SKILL.md` : `${agent.dir}/${name}`;
        if (planned.has(path) || recorded.has(path)) continue;
        const text = ctx.overlay.read(path);
        if (text === null) continue;
        if (agent.format !== "skill" && hasVersionMarker(text)) {
          ctx.overlay.delete(path, true);
          out.steps.push({ path, action: "delete", detail: "command this spec-kitty no longer ships (backed up)" });
        } else {
          out.conflicts.push({ path, reason: "not a command of this spec-kitty and not recognisably generated; kept" });
        }
      }
    }
    return out;
  },
};
