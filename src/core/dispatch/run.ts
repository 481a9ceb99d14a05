/**
 * One run: prepare the WP the way `agent action implement|review` does (claim, lane worktree with
 * its setup, the prompt file), start the agent, and judge the result from the WP's lane afterwards —
 * an agent's exit code says little, the lane it moved the WP to says what happened.
 */
import { mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { nowIso } from "../clock.ts";
import type { DispatchConfig } from "../config.ts";
import { ownerOf } from "../fs/owner.ts";
import { containedPath } from "../fs/safe-path.ts";
import { implementWp } from "../loop/implement.ts";
import { writeImplementPrompt, writeReviewPrompt } from "../loop/prompts/wp-prompts.ts";
import { reviewWp } from "../loop/review.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { buildArgv, invocationFor, type RunRole } from "./agents.ts";
import { agentEnv, runTmpDir } from "./env.ts";
import type { RunInfo } from "./events.ts";
import type { Journal, RunStatus } from "./journal.ts";
import { type AgentExit, type AgentProcess, appendLog, spawnAgent } from "./spawn.ts";

export interface RunSpec {
  runId: string;
  wpId: string;
  laneId: string;
  role: RunRole;
  agent: string;
  attempt: number;
}

export interface RunContextDeps {
  mission: MissionRef;
  journal: Journal;
  config: DispatchConfig;
  env: Record<string, string | undefined>;
  timeoutSeconds: number;
}

export interface StartedRun {
  info: RunInfo;
  /** The agent's process (named apart from Node's global `process`). */
  child: AgentProcess;
  startedAt: number;
  deadline: number;
}

export function logPathOf(journal: Journal, runId: string): string {
  return containedPath(journal.root, join(journal.rel, `${runId}.log`));
}

/** Claims the WP and writes its prompt: exactly what the action commands do for an agent. */
async function prepare(deps: RunContextDeps, spec: RunSpec, tmpDir: string) {
  // Prompt files land in the run's own temp dir (TMPDIR), next to whatever the agent writes there.
  const env = { ...deps.env, TMPDIR: tmpDir };
  if (spec.role === "implement") {
    const outcome = await implementWp({ mission: deps.mission, wpId: spec.wpId, agent: spec.agent, env });
    return {
      workspace: outcome.workspace.workspacePath,
      prompt: writeImplementPrompt(deps.mission, outcome, spec.agent),
    };
  }
  const outcome = await reviewWp({ mission: deps.mission, wpId: spec.wpId, agent: spec.agent, env });
  return {
    workspace: outcome.workspace.workspacePath,
    prompt: writeReviewPrompt(deps.mission, outcome, spec.agent),
  };
}

/**
 * Starts a run. Throws (a typed error from the claim or the worktree) when the WP cannot be taken;
 * nothing is spawned then. The journal records `starting` before the spawn and `started` (with the
 * agent's pid) right after, so a crash at any point leaves a trace a resumed dispatcher can follow.
 */
export async function startRun(deps: RunContextDeps, spec: RunSpec): Promise<StartedRun> {
  const { journal, mission } = deps;
  // Contained: prompt files and whatever the agent writes to TMPDIR stay in the project.
  const tmpDir = containedPath(mission.root, runTmpDir(journal.rel, spec.runId));
  mkdirSync(tmpDir, { recursive: true });
  const invocation = invocationFor(spec.agent, deps.config);
  const { workspace, prompt } = await prepare(deps, spec, tmpDir);
  const text = await Bun.file(prompt).text();
  const { argv, stdinFile } = buildArgv(invocation, {
    prompt_file: prompt,
    prompt: text,
    workspace,
    root: mission.root,
    mission: mission.slug,
    wp_id: spec.wpId,
    role: spec.role,
  });
  const env = agentEnv(deps.env, invocation, {
    mission: mission.slug,
    wpId: spec.wpId,
    role: spec.role,
    runId: spec.runId,
    promptFile: prompt,
    workspace,
    tmpDir,
  });
  const log = logPathOf(journal, spec.runId);
  const seconds = invocation.timeoutSeconds ?? deps.timeoutSeconds;
  const deadline = Date.now() + seconds * 1000;
  appendLog(
    log,
    `# spec-kitty dispatch ${spec.runId}: ${spec.role} ${spec.wpId} by ${spec.agent} (attempt ${spec.attempt})\n` +
      `# started ${nowIso()} in ${workspace}, timeout ${seconds}s\n# argv: ${JSON.stringify(argv.map((a) => (a === text ? "<prompt>" : a)))}\n` +
      `# prompt: ${prompt}${stdinFile ? " (on stdin)" : ""}\n`,
  );
  const base = {
    run_id: spec.runId,
    wp_id: spec.wpId,
    role: spec.role,
    agent: spec.agent,
    attempt: spec.attempt,
    lane_id: spec.laneId,
    workspace,
    log: relative(mission.root, log),
  };
  journal.append([{ ...base, event: "starting", at: nowIso(), deadline }]);
  const child = spawnAgent({ argv, cwd: workspace, env, stdinFile, logPath: log, deadline });
  if (child.pid > 0) {
    const ref = ownerOf(child.pid);
    journal.append([
      {
        ...base,
        event: "started",
        at: nowIso(),
        pid: ref.pid,
        host: ref.host,
        proc_start: ref.start,
        deadline,
      },
    ]);
  }
  return { info: { ...base, pid: child.pid }, child, startedAt: Date.now(), deadline };
}

/** What a finished run achieved, judged by the lane its WP is in now. */
export function judge(role: RunRole, lane: StatusLane, exit: AgentExit, interrupted: boolean): RunStatus {
  if (role === "implement" && ["for_review", "in_review", "approved", "done"].includes(lane))
    return "succeeded";
  if (role === "review" && (lane === "approved" || lane === "done")) return "approved";
  if (role === "review" && (lane === "planned" || lane === "in_progress" || lane === "claimed"))
    return "rejected";
  if (exit.timedOut) return "timeout";
  if (interrupted) return "interrupted";
  return "failed";
}

/** Why a run did not move its WP, for the log and the summary. */
export function failureNote(
  role: RunRole,
  status: RunStatus,
  exit: AgentExit,
  lane: StatusLane,
): string | null {
  if (status === "succeeded" || status === "approved" || status === "rejected") return null;
  if (exit.spawnError) return exit.spawnError;
  if (status === "timeout") return "timed out: the process group was killed";
  if (status === "interrupted") return "stopped by Ctrl-C";
  const how =
    exit.exitCode === null ? (exit.signal ? `killed by ${exit.signal}` : "ended") : `exited ${exit.exitCode}`;
  const missing =
    role === "implement"
      ? "without handing the WP to review (move-task --to for_review)"
      : "without a verdict (move-task --to approved, or --to planned with feedback)";
  return `the agent ${how} ${missing}; the WP is still ${lane}`;
}

export function recordEnd(
  deps: RunContextDeps,
  info: RunInfo,
  status: RunStatus,
  exit: AgentExit,
  lane: StatusLane,
  note: string | null,
  seconds: number,
): void {
  const { journal } = deps;
  const how =
    exit.exitCode !== null ? `exit ${exit.exitCode}` : exit.signal ? `signal ${exit.signal}` : "exit unknown";
  appendLog(
    logPathOf(journal, info.run_id),
    `\n# ended ${nowIso()} after ${seconds.toFixed(1)}s: ${how}; ${status}; ${info.wp_id} is ${lane}${note ? `\n# ${note}` : ""}\n`,
  );
  journal.append([
    {
      run_id: info.run_id,
      event: "ended",
      at: nowIso(),
      wp_id: info.wp_id,
      role: info.role,
      agent: info.agent,
      attempt: info.attempt,
      status,
      exit_code: exit.exitCode,
      lane_after: lane,
      ...(note ? { message: note } : {}),
    },
  ]);
}
