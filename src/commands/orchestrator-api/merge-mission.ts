import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { mergeMission } from "../../core/orchestrator/finish.ts";
import { driverCommand } from "../_driver.ts";
import { missionOption, missionSource, printSuccess } from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "merge-mission",
    description:
      "Merge a mission's lanes into its target branch (the normal journaled merge)\n" +
      "Runs `spec-kitty merge`: lanes → mission branch → target, approved WPs → done, lane worktrees\n" +
      "and branches removed; resumable. Any refusal or stop is PREFLIGHT_FAILED with data.errors.",
  },
  args: {
    ...missionOption,
    target: { type: "string", description: "Target branch (must be the mission's own)", valueHint: "branch" },
    strategy: { type: "string", default: "merge", description: "merge or squash" },
    push: { type: "boolean", description: "Push the target branch after merging" },
  },
  run: async ({ args }) => {
    const data = await mergeMission(missionSource(args.mission), {
      target: args.target,
      strategy: args.strategy as string,
      push: Boolean(args.push),
      env: io().env,
      driverCommand: driverCommand(),
    });
    printSuccess("merge-mission", data);
  },
});
