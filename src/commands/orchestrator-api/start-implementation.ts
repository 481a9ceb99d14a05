import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { startImplementation } from "../../core/orchestrator/start.ts";
import {
  actorOption,
  missionOption,
  missionSource,
  policyOption,
  printSuccess,
  wpOption,
} from "./_envelope.ts";

export default defineCommand({
  meta: {
    name: "start-implementation",
    description:
      "Claim a work package for implementation and allocate its lane worktree\n" +
      "planned → claimed → in_progress (claimed → in_progress; in_progress by the same actor is a\n" +
      "no-op). Refuses unmet dependencies and another actor's claim; creates or reuses the lane\n" +
      "worktree (running worktrees.setup). The policy is stored on every event.",
  },
  args: { ...missionOption, ...wpOption, ...actorOption, ...policyOption("required") },
  run: async ({ args }) => {
    const data = await startImplementation(missionSource(args.mission), {
      wpId: args.wp,
      actor: args.actor,
      policy: args.policy,
      env: io().env,
    });
    printSuccess("start-implementation", data);
  },
});
