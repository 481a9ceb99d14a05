import { defineCommand } from "citty";
import { resolveWorkspace } from "../../core/orchestrator/read.ts";
import { missionOption, missionSource, printSuccess, wpOption } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "resolve-workspace",
    description:
      "Report a work package's workspace and prompt without changing anything\n" +
      "For resuming a WP past implementation (e.g. for_review): its lane worktree path, WP file, and\n" +
      "lane_id/lane_branch/lane_base_ref. Creates nothing and moves nothing (contract 1.2.0).",
  },
  args: { ...missionOption, ...wpOption },
  run: ({ args }) => {
    printSuccess("resolve-workspace", resolveWorkspace(missionSource(args.mission)(), args.wp));
  },
});
