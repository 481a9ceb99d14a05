import { defineCommand } from "citty";
import { printJson, say, style } from "../../../cli/output.ts";
import { writeReviewPrompt } from "../../../core/loop/prompts/wp-prompts.ts";
import { reviewWp } from "../../../core/loop/review.ts";
import { actionArgs, actionTarget } from "./_target.ts";

export default defineCommand({
  meta: {
    name: "review",
    description:
      "Claim a work package's review and write the review prompt\n" +
      "Moves the WP for_review → in_review (you as reviewer) and writes a prompt with the diff commands,\n" +
      "the WP brief and the two verdicts: approve (`move-task --to approved`) or send back with feedback\n" +
      "(`move-task --to planned --review-feedback-file F`, kept as tasks/<WP>/review-cycle-N.md).",
  },
  args: actionArgs("the first waiting for review"),
  run: async ({ args }) => {
    const { agent, wpId, mission, env } = actionTarget(args);
    const outcome = await reviewWp({ mission, wpId, agent, env });
    const prompt = writeReviewPrompt(mission, outcome, agent);
    const ws = outcome.workspace;
    const id = outcome.wp.id;
    if (args.json) {
      printJson({
        result: "success",
        wp_id: id,
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        lane: "in_review",
        lane_id: ws.laneId,
        branch: ws.branch,
        base: ws.baseRef,
        workspace_path: ws.workspacePath,
        resumed: outcome.resumed,
        prompt_file: prompt,
        feedback_path: outcome.feedbackPath,
        uncommitted: ws.dirty,
      });
      return;
    }
    say(
      style.bold(
        `${id} ${outcome.resumed ? "review resumed" : "in review"} by ${agent}: ${outcome.wp.title}`,
      ),
      `Workspace: ${ws.workspacePath} (branch ${ws.branch})`,
      ...(ws.dirty.length ? [style.yellow(`Uncommitted in the workspace: ${ws.dirty.join(", ")}`)] : []),
      "",
      `Read the prompt: cat ${prompt}`,
      `Approve:  spec-kitty agent tasks move-task ${id} --to approved --mission ${mission.slug} --agent ${agent}`,
      `Reject:   write ${outcome.feedbackPath}, then`,
      `          spec-kitty agent tasks move-task ${id} --to planned --mission ${mission.slug} --agent ${agent} --review-feedback-file ${outcome.feedbackPath}`,
    );
  },
});
