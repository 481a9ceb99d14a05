import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { type NextResultInput, runNext } from "../core/loop/next.ts";
import { agentArg, jsonArg, missionArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

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
      printJson(outcome.document);
      return outcome.exitCode;
    }
    const { decision } = outcome;
    const doc = outcome.document;
    const progress = doc.progress as { weighted_percentage: number; total_wps: number } | null;
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
      const report = `spec-kitty next --agent ${args.agent ?? "<agent>"} --mission ${mission.slug} --result success`;
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
