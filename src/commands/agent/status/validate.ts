import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { validateStatus } from "../../../core/status/validate.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "validate",
    description:
      "Check a mission's status event log\n" +
      "Lists every unreadable line, transitions that break the table, and from-lanes that disagree with\n" +
      "the replayed log; warns about duplicates and a stale status.json. Exit 1 when anything is wrong.",
  },
  args: { ...missionArg, ...jsonArg },
  run: ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const report = validateStatus(mission);
    if (args.json) printJson({ ...report, mission_id: mission.missionId });
    else {
      for (const error of report.errors) say(`${style.red("error:")} ${error}`);
      for (const warning of report.warnings) say(`${style.yellow("warning:")} ${warning}`);
      say(
        report.valid
          ? style.green(`${mission.slug}: ${report.event_count} events, log is valid`)
          : style.red(`${mission.slug}: ${report.errors.length} problem(s) in the status log`),
      );
    }
    return report.valid ? 0 : 1;
  },
});
