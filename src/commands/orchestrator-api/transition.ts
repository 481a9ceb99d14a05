import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { transition } from "../../core/orchestrator/transition.ts";
import { STATUS_LANES } from "../../core/status/lane.ts";
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
    name: "transition",
    description:
      "Move a work package to another lane\n" +
      "One event, checked against the transition table and its guards. --policy is required for\n" +
      "claimed, in_progress, for_review, in_review and approved. Leaving in_review needs a review\n" +
      "result (--review-result-json) or --force with --note. in_progress → for_review of a lane WP needs\n" +
      "a commit on the lane branch; omitted guard flags are inferred from tasks.md and the log.",
  },
  args: {
    ...missionOption,
    ...wpOption,
    to: { type: "string", required: true, description: `Target lane (${STATUS_LANES.join(", ")})` },
    ...actorOption,
    note: { type: "string", description: "Reason stored on the event" },
    ...policyOption("required for active lanes"),
    force: { type: "boolean", description: "Skip the transition rules (needs --note)" },
    reviewRef: { type: "string", description: "Review reference stored on the event", valueHint: "ref" },
    reviewResultJson: {
      type: "string",
      description: 'Review outcome {"reviewer","verdict":"approved|changes_requested","reference"}',
      valueHint: "json",
    },
    evidenceJson: { type: "string", description: "Evidence object stored on the event", valueHint: "json" },
    subtasksComplete: { type: "boolean", description: "Guard input for in_progress → for_review" },
    implementationEvidencePresent: {
      type: "boolean",
      description: "Guard input for in_progress → for_review",
    },
  },
  run: async ({ args }) => {
    const data = await transition(missionSource(args.mission), {
      wpId: args.wp,
      to: args.to,
      actor: args.actor,
      note: args.note,
      policy: args.policy,
      force: Boolean(args.force),
      reviewRef: args.reviewRef,
      evidenceJson: args.evidenceJson,
      reviewResultJson: args.reviewResultJson,
      subtasksComplete: args.subtasksComplete as boolean | undefined,
      implementationEvidencePresent: args.implementationEvidencePresent as boolean | undefined,
      env: io().env,
    });
    printSuccess("transition", data);
  },
});
