/**
 * Command files of commands this spec-kitty no longer has (e.g. upstream's clarify, dashboard,
 * constitution, tasks-outline) in the configured agents' directories. Recorded ones are the owned-files
 * refresh's business; an unrecorded one that some spec-kitty generated (a command file with the version
 * marker, or a skill upstream's skills manifest records with exactly these bytes) is removed after a
 * backup; any other stays, reported.
 */
import { AGENTS } from "../../agents.ts";
import { sha256 } from "../../owned/manifest.ts";
import { ownedFiles } from "../../owned/plan.ts";
import { hasVersionMarker } from "../../owned/reconcile.ts";
import { upstreamSkillHashes } from "../../owned/upstream-skills.ts";
import { empty, type Migration } from "../types.ts";

export const staleCommandsMigration: Migration = {
  id: "retire_stale_command_files",
  description: "Remove generated command files of commands spec-kitty no longer ships (backed up)",
  plan(ctx) {
    const out = empty();
    const planned = new Set(ownedFiles(ctx.agents, ctx.version).map((f) => f.path));
    const recorded = new Set(ctx.manifest?.files.map((f) => f.path) ?? []);
    const upstream = upstreamSkillHashes(ctx.root);
    const seen = new Set<string>();
    for (const agent of AGENTS.filter((a) => ctx.agents.includes(a.key))) {
      if (seen.has(agent.dir)) continue;
      seen.add(agent.dir);
      for (const name of ctx.overlay.listDir(agent.dir)) {
        if (!name.startsWith("spec-kitty.")) continue;
        const path = agent.format === "skill" ? `${agent.dir}/${name}/SKILL.md` : `${agent.dir}/${name}`;
        if (planned.has(path) || recorded.has(path)) continue;
        const text = ctx.overlay.read(path);
        if (text === null) continue;
        const generated =
          agent.format === "skill" ? upstream.get(path) === sha256(text) : hasVersionMarker(text);
        if (generated) {
          ctx.overlay.delete(path, true);
          out.steps.push({
            path,
            action: "delete",
            detail: "command this spec-kitty no longer ships (backed up)",
          });
        } else {
          out.conflicts.push({
            path,
            reason: "not a command of this spec-kitty and not recognisably generated; kept",
          });
        }
      }
    }
    return out;
  },
};
