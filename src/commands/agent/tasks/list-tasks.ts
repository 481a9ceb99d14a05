import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { parseLane, STATUS_LANES } from "../../../core/status/lane.ts";
import { buildBoard } from "../../../core/views/board.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: { name: "list-tasks", description: "List the mission's work packages with their lanes" },
  args: {
    ...missionArg,
    lane: { type: "string", description: `Only WPs in this lane (${STATUS_LANES.join(", ")})` },
    ...jsonArg,
  },
  run: ({ args }) => {
    const lane = args.lane === undefined ? undefined : parseLane(args.lane);
    const mission = missionFromArgs(args.mission);
    const rows = buildBoard(mission)
      .wps.filter((wp) => !lane || wp.lane === lane)
      .map((wp) => ({
        work_package_id: wp.id,
        title: wp.title,
        lane: wp.lane,
        path: wp.wp.file?.path ?? null,
      }));
    if (args.json) {
      printJson({ tasks: rows, count: rows.length });
      return;
    }
    if (rows.length === 0) say(style.dim("No work packages."));
    for (const row of rows) say(`${row.work_package_id}  ${row.lane.padEnd(11)}  ${row.title}`);
  },
});
