import { defineCommand } from "citty";
import { missionState } from "../../core/orchestrator/read.ts";
import { missionOption, missionSource, printSuccess } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "mission-state",
    description:
      "Report every work package of a mission: lane, dependencies, last actor\n" +
      "Read-only: folds the status event log without rewriting status.json.",
  },
  args: { ...missionOption },
  run: ({ args }) => {
    printSuccess("mission-state", missionState(missionSource(args.mission)()));
  },
});
