import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { checkWorkflow } from "../../../core/views/wp-check.ts";
import { jsonArg, missionArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "validate-workflow",
    description:
      "Check one work package's file: required frontmatter, id, dependencies, Activity Log, lane\n" +
      "Exit 1 when it has errors (warnings alone pass). The lane comes from the status event log.",
  },
  args: { ...wpArg, ...missionArg, ...jsonArg },
  run: ({ args }) => {
    const check = checkWorkflow(missionFromArgs(args.mission), checkWpId(args.wp_id));
    if (args.json) printJson(check);
    else {
      say(
        check.valid
          ? `${style.green("✓")} ${check.task_id} passes (${check.lane})`
          : `${style.red("✗")} ${check.task_id} fails`,
      );
      for (const error of check.errors) say(`  error: ${error}`);
      for (const warning of check.warnings) say(`  warning: ${warning}`);
    }
    return check.valid ? 0 : 1;
  },
});
