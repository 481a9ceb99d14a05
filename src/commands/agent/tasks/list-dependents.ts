import { defineCommand } from "citty";
import { printJson, say } from "../../../cli/output.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { dependenciesOf, findWpFile, listWpFiles } from "../../../core/tasks/wp-list.ts";
import { jsonArg, missionArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "list-dependents",
    description:
      "Show what a work package depends on and which WPs depend on it\nRead from the WP files' `dependencies:` frontmatter.",
  },
  args: {
    ...wpArg,
    ...missionArg,
    ...jsonArg,
  },
  run: ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const mission = missionFromArgs(args.mission);
    const all = listWpFiles(mission);
    const dependsOn = dependenciesOf(findWpFile(mission, wpId, all));
    const dependents = all.filter((wp) => dependenciesOf(wp).includes(wpId)).map((wp) => wp.id);
    if (args.json) {
      printJson({ wp_id: wpId, depends_on: dependsOn, dependents });
      return;
    }
    say(
      `${wpId} depends on: ${dependsOn.join(", ") || "nothing"}`,
      `Depends on ${wpId}: ${dependents.join(", ") || "nothing"}`,
    );
  },
});
