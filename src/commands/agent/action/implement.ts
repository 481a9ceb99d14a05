import { relative } from "node:path";
import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, style } from "../../../cli/output.ts";
import { implementWp } from "../../../core/loop/implement.ts";
import { writeImplementPrompt } from "../../../core/loop/prompts/wp-prompts.ts";
import { actionArgs, actionTarget } from "./_target.ts";

export default defineCommand({
  meta: {
    name: "implement",
    description:
      "Claim a work package and prepare its workspace\n" +
      "Moves the WP planned → claimed → in_progress (you as actor), creates or reuses its lane worktree\n" +
      "(.worktrees/<slug>-<lane>; planning-artifact WPs use the main checkout) and writes a prompt file\n" +
      "with the WP brief, the lane contract, any review feedback, and the commands to run when done.\n" +
      "Without a WP id it takes your WP in progress, else the first planned WP whose dependencies are met.",
  },
  args: actionArgs("the next ready one"),
  run: async ({ args }) => {
    const { agent, wpId, mission, env } = actionTarget(args);
    const outcome = await implementWp({ mission, wpId, agent, env });
    const prompt = writeImplementPrompt(mission, outcome, agent);
    const ws = outcome.workspace;
    if (args.json) {
      printJson({
        result: "success",
        wp_id: outcome.wp.id,
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        lane: "in_progress",
        lane_id: ws.laneId,
        branch: ws.branch,
        workspace_path: ws.workspacePath,
        worktree_created: ws.created,
        resumed: outcome.resumed,
        prompt_file: prompt,
        review_feedback: outcome.feedback?.path ?? null,
        setup: ws.setup,
      });
      return;
    }
    const where = ws.isMainCheckout
      ? `${ws.workspacePath} (main checkout, branch ${ws.branch})`
      : `${ws.workspacePath} (branch ${ws.branch}${ws.created ? ", new worktree" : ""})`;
    const lines = [
      style.bold(
        `${outcome.wp.id} ${outcome.resumed ? "resumed" : "claimed"} by ${agent}: ${outcome.wp.title}`,
      ),
      `Workspace: ${where}`,
    ];
    if (outcome.feedback)
      lines.push(style.yellow(`Review feedback to address first: ${outcome.feedback.path}`));
    lines.push(
      "",
      `Read the prompt: cat ${prompt}`,
      `Work in:         cd ${relative(io().cwd, ws.workspacePath) || "."}`,
      `When done:       spec-kitty agent tasks move-task ${outcome.wp.id} --to for_review --mission ${mission.slug} --agent ${agent}`,
    );
    say(...lines);
  },
});
