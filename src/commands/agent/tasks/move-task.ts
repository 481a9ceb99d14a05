import { relative, resolve } from "node:path";
import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { moveTask } from "../../../core/loop/move-task.ts";
import { parseLane } from "../../../core/status/lane.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { agentArg, checkShellPid, jsonArg, missionArg, shellPidArg, toLaneArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "move-task",
    description:
      "Move a work package to another lane\n" +
      "Forward moves walk every lane in between (planned → claimed → in_progress → for_review →\n" +
      "in_review → approved → done), one event per hop, each checked against the transition rules.\n" +
      "--force records one event straight to the target. Moving back to planned is a rejection and\n" +
      "needs --review-feedback-file (kept as tasks/<WP>/review-cycle-N.md); a forced move back, a\n" +
      "takeover or a reset, needs only --reason.",
  },
  args: {
    ...wpArg,
    ...toLaneArg,
    ...missionArg,
    ...agentArg,
    assignee: { type: "string", description: "Record who is assigned (frontmatter assignee)" },
    ...shellPidArg,
    note: { type: "string", description: "Activity-log note (also the event reason unless --reason)" },
    reason: { type: "string", description: "Reason stored on the event(s)" },
    reviewFeedbackFile: {
      type: "string",
      description: "Feedback file for a rejection (--to planned): a text file in the project, at most 1 MiB",
      valueHint: "file",
    },
    allowExternalFeedback: {
      type: "boolean",
      description: "Accept a --review-feedback-file outside the project (still a regular text file)",
    },
    approvalRef: {
      type: "string",
      description: "Reference recorded as review evidence for approved/done",
      valueHint: "ref",
    },
    reviewer: {
      type: "string",
      description: "Reviewer recorded as review evidence (default: --agent)",
      valueHint: "name",
    },
    doneOverrideReason: {
      type: "string",
      description: "Why done is recorded without a merge",
      valueHint: "reason",
    },
    force: { type: "boolean", description: "One event straight to the target, skipping the rules" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const to = parseLane(args.to);
    const shellPid = checkShellPid(args.shellPid);
    const mission = missionFromArgs(args.mission);
    const force = Boolean(args.force);
    const result = await moveTask(mission, {
      wpId,
      to,
      // Checked by the core; omitted, the actor is `defaultActor`'s (core/actor.ts).
      agent: args.agent,
      assignee: args.assignee,
      shellPid,
      note: args.note,
      reason: args.reason,
      force,
      reviewFeedbackFile:
        args.reviewFeedbackFile === undefined ? undefined : resolve(io().cwd, args.reviewFeedbackFile),
      allowExternalFeedback: Boolean(args.allowExternalFeedback),
      env: io().env,
      approvalRef: args.approvalRef,
      reviewer: args.reviewer,
      doneOverrideReason: args.doneOverrideReason,
    });
    if (args.json) {
      const doc: Record<string, unknown> = {
        result: "success",
        task_id: wpId,
        old_lane: result.oldLane,
        new_lane: result.newLane,
        path: result.path,
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        event_ids: result.events.map((e) => e.event_id),
      };
      if (result.commit) doc.commit = result.commit;
      if (result.reviewCycle)
        doc.review_feedback = { path: result.reviewCycle.path, review_ref: result.reviewCycle.ref };
      printJson(doc);
      return;
    }
    const trail = [result.oldLane, ...result.events.map((e) => e.to_lane)].join(" → ");
    say(`${wpId}: ${trail}`);
    if (result.commit?.warning) warn(result.commit.warning);
    if (result.reviewCycle) say(`Feedback saved as ${relative(mission.root, result.reviewCycle.path)}`);
  },
});
