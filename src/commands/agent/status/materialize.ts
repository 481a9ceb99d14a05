import { defineCommand } from "citty";
import { printJson, say } from "../../../cli/output.ts";
import { materialize } from "../../../core/status/materialize.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "materialize",
    description:
      "Rebuild status.json from the event log\n" +
      "status.json is a derived view; the log is the truth. The file is left untouched when its bytes\n" +
      "would not change, and a corrupt log line is reported with its line number, nothing written.",
  },
  args: { ...missionArg, ...jsonArg },
  run: async ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const { status, path, written } = await materialize(mission);
    if (args.json) {
      printJson({
        result: "success",
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        path,
        written,
        event_count: status.event_count,
        wp_count: Object.keys(status.work_packages).length,
        summary: status.summary,
      });
      return;
    }
    const wps = Object.keys(status.work_packages).length;
    say(`${written ? "Wrote" : "Unchanged:"} ${path} (${status.event_count} events, ${wps} WPs)`);
  },
});
