import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say } from "../../../cli/output.ts";
import { addHistory } from "../../../core/tasks/history.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { agentArg, checkShellPid, jsonArg, missionArg, shellPidArg, wpArg } from "../../_args.ts";
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
    ...shellPidArg,
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const shellPid = checkShellPid(args.shellPid);
    const mission = missionFromArgs(args.mission);
    const path = await addHistory(mission, wpId, args.note, {
      agent: args.agent,
      shellPid,
      env: io().env,
    });
    if (args.json) printJson({ result: "success", task_id: wpId, note: args.note, path });
    else say(`${wpId}: activity recorded`);
  },
});
