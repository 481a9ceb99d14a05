import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { startReview } from "../../core/orchestrator/start.ts";
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
    name: "start-review",
    description:
      "Claim a work package's review (for_review → in_review)\n" +
      "Idempotent for the same reviewer; another reviewer gets WP_ALREADY_CLAIMED.",
  },
  args: {
    ...missionOption,
    ...wpOption,
    ...actorOption,
    ...policyOption("required"),
    reviewRef: { type: "string", description: "Review reference stored on the event", valueHint: "ref" },
  },
  run: async ({ args }) => {
    const data = await startReview(missionSource(args.mission), {
      wpId: args.wp,
      actor: args.actor,
      policy: args.policy,
      reviewRef: args.reviewRef,
      env: io().env,
    });
    printSuccess("start-review", data);
  },
});
