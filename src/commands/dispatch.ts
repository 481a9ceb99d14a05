import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say } from "../cli/output.ts";
import { readProjectConfig } from "../core/config.ts";
import { optionsOf, previousOwner } from "../core/dispatch/claim.ts";
import { Dispatcher } from "../core/dispatch/dispatcher.ts";
import type { DispatchEvent } from "../core/dispatch/events.ts";
import type { DispatchOptions } from "../core/dispatch/journal.ts";
import { planDispatch } from "../core/dispatch/plan.ts";
import { SpecKittyError, UsageError } from "../core/errors.ts";
import { jsonArg, missionArg } from "./_args.ts";
import { eventLine, LiveView, summaryLines } from "./_dispatch-view.ts";
import { driverCommand } from "./_driver.ts";
import { missionFromArgs } from "./_mission.ts";

const DEFAULTS = { max: 4, timeoutSeconds: 3600, maxAttempts: 2, maxCycles: 3 };

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value.trim()))
    throw new UsageError(`--${flag} must be a whole number ≥ 1 (got '${value}')`);
  return Number(value.trim());
}

function agentList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const keys = [
    ...new Set(
      value
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  if (keys.length === 0)
    throw new UsageError("--agents needs at least one agent key, e.g. --agents claude,codex");
  return keys;
}

export default defineCommand({
  meta: {
    name: "dispatch",
    description:
      "Run headless agents on a mission's work packages, in parallel lanes\n" +
      "Starts one agent CLI per ready WP, each in its own lane worktree (worktrees.setup runs first),\n" +
      "at most --max at once and never two runs in one lane; a finished implementation is reviewed\n" +
      "(by --review-by, else the same agent), a rejection goes back to a new implementation run with\n" +
      "the feedback, and approved WPs unblock their dependents. Runs are journaled in\n" +
      ".kittify/runtime/dispatch/<mission>/ with one log per run: after a crash or Ctrl-C, --resume\n" +
      "(or the same command) picks up where it stopped, never running one WP twice at once.\n" +
      "--json prints one summary document; --events streams one JSON event per line instead.",
  },
  args: {
    ...missionArg,
    agents: {
      type: "string",
      description: "Agents that implement, taking lanes in turn (claude,codex,…)",
      valueHint: "keys",
    },
    max: {
      type: "string",
      description: `Most agent processes at once [default: ${DEFAULTS.max}]`,
      valueHint: "N",
    },
    reviewBy: {
      type: "string",
      description: "Agent that reviews every WP (default: the implementing agent)",
      valueHint: "agent",
    },
    timeout: {
      type: "string",
      description: `Seconds a run may take before its process group is killed [default: dispatch.timeout, else ${DEFAULTS.timeoutSeconds}]`,
      valueHint: "seconds",
    },
    maxAttempts: {
      type: "string",
      description: `Failed runs of one WP before it is left alone [default: ${DEFAULTS.maxAttempts}]`,
      valueHint: "N",
    },
    maxCycles: {
      type: "string",
      description: `Review rejections of one WP before it is left alone [default: ${DEFAULTS.maxCycles}]`,
      valueHint: "N",
    },
    merge: { type: "boolean", description: "Merge the mission (spec-kitty merge) when every WP is approved" },
    resume: { type: "boolean", description: "Continue the last dispatch of the mission with its options" },
    dryRun: {
      type: "boolean",
      description: "Show lanes, agents, first runs and invocations; change nothing",
    },
    ...jsonArg,
    events: { type: "boolean", description: "Stream one JSON event per line on stdout (instead of --json)" },
  },
  run: async ({ args }) => {
    if (args.json && args.events) throw new UsageError("--json and --events exclude each other", "pick one");
    const mission = missionFromArgs(args.mission);
    const config = readProjectConfig(mission.root)?.dispatch ?? { timeoutSeconds: null, agents: {} };
    const previous = args.resume ? previousOwner(mission.root, mission.slug) : null;
    if (args.resume && !previous) {
      throw new SpecKittyError(
        "DISPATCH_NOTHING_TO_RESUME",
        `mission ${mission.slug} has no dispatch to resume`,
        {
          fix: `start one: spec-kitty dispatch --mission ${mission.slug} --agents <keys>`,
        },
      );
    }
    const base: DispatchOptions = previous
      ? optionsOf(previous)
      : {
          agents: [],
          max: DEFAULTS.max,
          reviewBy: null,
          timeoutSeconds: config.timeoutSeconds ?? DEFAULTS.timeoutSeconds,
          maxAttempts: DEFAULTS.maxAttempts,
          maxCycles: DEFAULTS.maxCycles,
          merge: false,
        };
    const options: DispatchOptions = {
      agents: agentList(args.agents) ?? base.agents,
      max: count(args.max, "max") ?? base.max,
      reviewBy: args.reviewBy?.trim() || base.reviewBy,
      timeoutSeconds: count(args.timeout, "timeout") ?? base.timeoutSeconds,
      maxAttempts: count(args.maxAttempts, "max-attempts") ?? base.maxAttempts,
      maxCycles: count(args.maxCycles, "max-cycles") ?? base.maxCycles,
      merge: Boolean(args.merge) || base.merge,
    };
    if (options.agents.length === 0) {
      throw new UsageError(
        "--agents is required",
        "e.g. --agents claude,codex (or --resume to continue the last dispatch)",
      );
    }
    if (args.dryRun) {
      const plan = planDispatch(mission, options, config);
      if (args.json) return printJson({ dry_run: true, ...plan });
      say(
        `Would dispatch ${plan.mission_slug}: up to ${options.max} at once, timeout ${options.timeoutSeconds}s` +
          (plan.running
            ? ` (refused now: pid ${plan.running.pid} on ${plan.running.host} is dispatching it)`
            : ""),
        ...plan.lanes.map(
          (lane) =>
            `  ${lane.lane_id.padEnd(14)} ${lane.agent.padEnd(9)} ${lane.wps.map((wp) => `${wp.wp_id} (${wp.lane})`).join(", ")}`,
        ),
        `First runs: ${plan.first_runs.map((r) => `${r.wpId} ${r.role} by ${r.agent}`).join(", ") || "none (nothing is ready)"}`,
        ...plan.invocations.map(
          (inv) =>
            `  ${inv.key}: ${inv.command.join(" ")}  [prompt on ${inv.prompt}; env: ${inv.env.join(", ") || "common only"}]`,
        ),
      );
      return;
    }
    const cli = io();
    const live = !args.json && !args.events && cli.stdoutIsTTY;
    const view = live ? new LiveView(cli.stdout, mission.root, () => cli.columns ?? 100) : null;
    const onEvent = (event: DispatchEvent) => {
      if (args.events) return cli.stdout(`${JSON.stringify(event)}\n`);
      if (view) return view.event(event);
      const line = eventLine(event);
      if (line) (args.json ? cli.stderr : cli.stdout)(`${line}\n`);
    };
    const dispatcher = new Dispatcher({
      mission,
      options,
      config,
      env: cli.env,
      onEvent,
      driverCommand: driverCommand(),
    });
    const undo = [cli.onStopSignal(() => dispatcher.stop())];
    const timer = view ? setInterval(() => view.tick(), 1000) : null;
    let summary: Awaited<ReturnType<Dispatcher["run"]>>;
    try {
      summary = await dispatcher.run();
    } finally {
      if (timer) clearInterval(timer);
      view?.close();
      for (const off of undo) off?.();
    }
    if (args.json) printJson(summary);
    else if (!args.events) say(...summaryLines(summary));
    const ok = summary.complete && !summary.interrupted && summary.merge_error === null;
    return ok ? 0 : 1;
  },
});
