import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { acceptMissionForOrchestrator } from "../../core/orchestrator/finish.ts";
import { actorOption, missionOption, missionSource, printSuccess } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "accept-mission",
    description:
      "Record a mission's acceptance once every work package is approved or done\n" +
      "Writes accepted_at/accepted_by to meta.json; does not move approved WPs to done (merge does).",
  },
  args: { ...missionOption, ...actorOption },
  run: ({ args }) => {
    printSuccess(
      "accept-mission",
      acceptMissionForOrchestrator(missionSource(args.mission), { actor: args.actor, env: io().env }),
    );
  },
});
