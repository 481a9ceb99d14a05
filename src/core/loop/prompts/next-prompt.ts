/** The prompt file of a `next` decision: what to do for this step, and the command that does it. */
import blocked from "../../../templates/prompts/next-blocked.md" with { type: "text" };
import finish from "../../../templates/prompts/next-finish.md" with { type: "text" };
import header from "../../../templates/prompts/next-header.md" with { type: "text" };
import plan from "../../../templates/prompts/next-plan.md" with { type: "text" };
import specify from "../../../templates/prompts/next-specify.md" with { type: "text" };
import tasks from "../../../templates/prompts/next-tasks.md" with { type: "text" };
import terminal from "../../../templates/prompts/next-terminal.md" with { type: "text" };
import wp from "../../../templates/prompts/next-wp.md" with { type: "text" };
import type { MissionRef } from "../../mission/resolve.ts";
import type { LoopDecision } from "../decide.ts";
import { charterBlock } from "./charter.ts";
import { fillTemplate, writePrompt } from "./files.ts";

const TITLES: Record<string, string> = {
  specify: "Specify",
  plan: "Plan",
  tasks: "Tasks",
  implement: "Implement",
  review: "Review",
  accept: "Accept",
  merge: "Merge",
};

function body(decision: LoopDecision): string {
  if (decision.kind === "terminal") return terminal;
  if (decision.kind === "blocked") return blocked;
  switch (decision.action) {
    case "specify":
      return specify;
    case "plan":
      return plan;
    case "tasks":
      return tasks;
    case "implement":
    case "review":
      return wp;
    default:
      return finish;
  }
}

/** `spec-kitty-next-<agent>-<slug>-<action>[-<WP>].md` (`terminal` stands in for a missing action). */
export function nextPromptName(agent: string, slug: string, decision: LoopDecision): string {
  const action = decision.action ?? decision.kind;
  const suffix = decision.kind === "blocked" ? "-blocked" : decision.wpId ? `-${decision.wpId}` : "";
  return `spec-kitty-next-${agent}-${slug}-${action}${suffix}.md`;
}

export function writeNextPrompt(
  mission: MissionRef,
  agent: string,
  decision: LoopDecision,
  workspacePath: string | null,
  env: Record<string, string | undefined>,
): string {
  const action = decision.action ?? "done";
  const vars: Record<string, string> = {
    action_title: decision.kind === "blocked" ? `blocked (${action})` : (TITLES[action] ?? action),
    mission_slug: mission.slug,
    mission_id: mission.missionId ?? "no mission_id",
    mission_dir: mission.dir,
    agent,
    step: decision.step,
    wp_id: decision.wpId ?? "",
    reason: decision.reason ?? "",
    command: decision.command ?? "",
    workspace_path: workspacePath ?? mission.root,
    handoff:
      action === "review"
        ? "approve with `move-task --to approved`, or reject with `--to planned --review-feedback-file`"
        : "`move-task --to for_review`",
    unblock: decision.unblock.map((line) => `- ${line}`).join("\n") || "- (nothing listed)",
    next_success: `spec-kitty next --agent ${agent} --mission ${mission.slug} --result success`,
    charter: decision.kind === "step" ? charterBlock(mission.root, decision.action ?? null) : "",
  };
  const text = fillTemplate(header, vars) + fillTemplate(body(decision), vars);
  return writePrompt(env, nextPromptName(agent, mission.slug, decision), text);
}
