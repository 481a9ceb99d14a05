import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { type NextOutcome, type NextResultInput, runNext } from "../core/loop/next.ts";
import { progressOf } from "../core/loop/progress.ts";
import { missionIdentity } from "../core/status/materialize.ts";
import { agentArg, jsonArg, missionArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

/** The decision document: spec-kitty 3.1's keys in its order (agents parse it), plus `mission_id` last. */
function decisionDocument(outcome: NextOutcome): Record<string, unknown> {
  const { state, decision } = outcome;
  const mission = state.mission;
  const { number, type } = missionIdentity(mission);
  return {
    // The real decision in both modes (spec-kitty 3.x says "query" here, so a finished or fully blocked
    // mission was indistinguishable from one with work to do); `is_query` says which mode answered.
    kind: decision.kind,
    agent: outcome.agent,
    mission_slug: mission.slug,
    mission_number: number,
    mission_type: type,
    mission: type,
    mission_state: decision.step,
    timestamp: outcome.timestamp,
    action: decision.action,
    wp_id: decision.wpId,
    workspace_path: outcome.workspacePath,
    prompt_file: outcome.promptFile,
    reason: outcome.reason,
    guard_failures: outcome.guardFailures,
    progress: progressOf(state),
    // Steps come from the state machine built into this binary, not from a mission template on disk.
    origin: { mission_tier: "package_default", mission_path: null },
    // No separate run exists: the mission's files are the run, so the mission identity stands in.
    run_id: mission.missionId,
    step_id: decision.step,
    decision_id: null,
    input_key: null,
    question: null,
    options: null,
    is_query: outcome.isQuery,
    preview_step: outcome.isQuery ? decision.step : null,
    mission_id: mission.missionId,
  };
}

export default defineCommand({
  meta: {
    name: "next",
    description:
      "Ask what to do next in a mission (the agent loop)\n" +
      "Without --result it only looks (query mode: nothing in the project is written). With --result it\n" +
      "also records how the last step went in kitty-specs/<mission>/mission-events.jsonl. Every answer\n" +
      "names one action (specify, plan, tasks, implement, review, accept, merge) and the command that\n" +
      "carries it out, plus a prompt file with the details. Work packages are handed out only when the\n" +
      "WPs they depend on are approved or done.",
  },
  args: {
    ...agentArg,
    ...missionArg,
    result: {
      type: "enum",
      options: ["success", "failed", "blocked"],
      description: "How the last step went (advance mode; needs --agent)",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const outcome = await runNext({
      mission,
      agent: args.agent,
      result: args.result as NextResultInput | undefined,
      env: io().env,
    });
    if (args.json) {
      printJson(decisionDocument(outcome));
      return outcome.exitCode;
    }
    const { decision } = outcome;
    const progress = progressOf(outcome.state);
    const head =
      decision.kind === "terminal"
        ? style.green("Mission complete")
        : decision.kind === "blocked"
          ? style.yellow(`Blocked (${decision.step})`)
          : style.bold(`Next: ${decision.action}${decision.wpId ? ` ${decision.wpId}` : ""}`);
    const lines = [
      `${head} — ${mission.slug}${progress ? ` (${progress.weighted_percentage}% of ${progress.total_wps} WPs)` : ""}`,
    ];
    if (decision.reason) lines.push(`  ${decision.reason}`);
    for (const failure of outcome.guardFailures) lines.push(`  ${style.yellow("not finished:")} ${failure}`);
    for (const hint of decision.unblock) lines.push(`  unblocks when: ${hint}`);
    if (decision.command) lines.push("", `Run: ${style.cyan(decision.command)}`);
    else if (decision.kind === "step") {
      const report = `spec-kitty next --agent ${outcome.agent} --mission ${mission.slug} --result success`;
      lines.push(
        "",
        `Do the ${decision.action} step as the prompt describes, then run: ${style.cyan(report)}`,
      );
    }
    lines.push(`Prompt: ${outcome.promptFile}`);
    say(...lines);
    return outcome.exitCode;
  },
});
