import { defineCommand } from "citty";
import { listReady } from "../../core/orchestrator/read.ts";
import { missionOption, missionSource, printSuccess } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "list-ready",
    description:
      "List planned work packages whose dependencies are approved or done\n" +
      "Read-only; the same dependency rule `spec-kitty next` and start-implementation apply.",
  },
  args: { ...missionOption },
  run: ({ args }) => {
    printSuccess("list-ready", listReady(missionSource(args.mission)()));
  },
});
