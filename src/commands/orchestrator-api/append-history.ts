import { defineCommand } from "citty";
import { appendHistory } from "../../core/orchestrator/finish.ts";
import { actorOption, missionOption, missionSource, printSuccess, wpOption } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "append-history",
    description: "Append a line to a work package's Activity Log\nDoes not change its lane.",
  },
  args: {
    ...missionOption,
    ...wpOption,
    ...actorOption,
    note: { type: "string", required: true, description: "History note to append" },
  },
  run: async ({ args }) => {
    const data = await appendHistory(missionSource(args.mission), {
      wpId: args.wp,
      actor: args.actor,
      note: args.note,
    });
    printSuccess("append-history", data);
  },
});
