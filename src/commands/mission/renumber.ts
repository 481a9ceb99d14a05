import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say, style, warn } from "../../cli/output.ts";
import { renumberMission } from "../../core/loop/renumber.ts";
import { jsonArg, missionArg } from "../_args.ts";
import { missionFromArgs } from "../_mission.ts";

export default defineCommand({
  meta: {
    name: "renumber",
    description:
      "Give a mission a new display number (two clones created the same NNN)\n" +
      "Renames kitty-specs/NNN-<slug>/ (git mv) and updates meta.json and lanes.json to match; the\n" +
      "mission_id and the event log stay as they are. Refused once the mission has lane branches or\n" +
      "worktrees. Without --number it takes the next free number (also past what the remote has).",
  },
  args: {
    ...missionArg,
    number: { type: "string", description: "The new number (default: the next free one)", valueHint: "NNN" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const outcome = await renumberMission(mission, { number: args.number, env: io().env });
    if (args.json) {
      printJson({
        result: "success",
        mission_id: mission.missionId,
        from: outcome.from,
        to: outcome.to,
        mission_number: outcome.number,
        commit: outcome.commit,
      });
      return;
    }
    if (outcome.commit?.warning) warn(outcome.commit.warning);
    say(
      `${style.green("Renumbered")} ${outcome.from} → ${outcome.to} (mission_id ${mission.missionId ?? "none"} unchanged)`,
    );
    if (!outcome.commit)
      say(
        `Commit it: git add -A kitty-specs/${outcome.from} kitty-specs/${outcome.to} && git commit -m "Renumber ${outcome.from}"`,
      );
  },
});
