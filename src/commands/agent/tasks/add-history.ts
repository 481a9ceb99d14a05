import { defineCommand } from "citty";
import { printJson, say } from "../../../cli/output.ts";
import { addHistory } from "../../../core/tasks/history.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { agentArg, jsonArg, missionArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "add-history",
    description: "Append a line to a work package's Activity Log\nDoes not change its lane.",
  },
  args: {
    ...wpArg,
    note: { type: "string", required: true, description: "What happened" },
    ...missionArg,
    ...agentArg,
    shellPid: { type: "string", description: "The agent's shell PID", valueHint: "pid" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const mission = missionFromArgs(args.mission);
    const path = await addHistory(mission, wpId, args.note, args.agent, args.shellPid);
    if (args.json) printJson({ result: "success", task_id: wpId, note: args.note, path });
    else say(`${wpId}: activity recorded`);
  },
});
