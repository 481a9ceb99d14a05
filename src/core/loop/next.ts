/**
 * `spec-kitty next`: query mode (no --result) reads the mission and writes nothing in the project;
 * advance mode also journals the agent's result in mission-events.jsonl. Both compute the decision the
 * same way, from the files on disk, so a `failed` or `blocked` result never bricks a mission: the next
 * call simply looks at the files again.
 */

import { resolveAgent } from "../actor.ts";
import { nowIso } from "../clock.ts";
import { laneForWp } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { missionIdentity } from "../status/materialize.ts";
import { decide, type LoopDecision, writingReason } from "./decide.ts";
import { lastIssued, type NextInvokedPayload, recordNextInvoked } from "./mission-events.ts";
import { finalizeGaps } from "./phase.ts";
import { writeNextPrompt } from "./prompts/next-prompt.ts";
import { claimantOf, type MissionState, readMissionState } from "./state.ts";

export type NextResultInput = "success" | "failed" | "blocked";

export interface NextOptions {
  mission: MissionRef;
  agent: string | undefined;
  result?: NextResultInput;
  env: Record<string, string | undefined>;
}

export interface NextOutcome {
  state: MissionState;
  decision: LoopDecision;
  /** The agent that asked: `--agent`, else the project's only configured agent tool. */
  agent: string;
  isQuery: boolean;
  timestamp: string;
  workspacePath: string | null;
  promptFile: string;
  /** Why the step the agent reported as done is not finished yet. */
  guardFailures: string[];
  reason: string | null;
  exitCode: 0 | 1;
}

/** Why the step the agent was last given is not finished yet (empty when it is). */
function openGuards(
  state: MissionState,
  prev: NextInvokedPayload,
  slug: string,
  env: Record<string, string | undefined>,
): string[] {
  const wp = prev.wp_id ? state.wps.find((w) => w.id === prev.wp_id) : undefined;
  if (wp && prev.action === "implement" && ["planned", "claimed", "in_progress"].includes(wp.lane)) {
    return [
      `${wp.id} is still ${wp.lane}: commit, then hand it over with \`spec-kitty agent tasks move-task ${wp.id} --to for_review --mission ${slug}\``,
    ];
  }
  if (wp && prev.action === "review" && (wp.lane === "for_review" || wp.lane === "in_review")) {
    return [
      `${wp.id} is still ${wp.lane}: approve it (\`move-task ${wp.id} --to approved\`) or send it back (\`--to planned --review-feedback-file F\`)`,
    ];
  }
  if (wp) return [];
  const step = decide(state, claimantOf(prev.agent, state.mission.root, env)).step;
  if (step !== prev.mission_state) return [];
  switch (step) {
    case "specify":
    case "plan":
    case "tasks_outline":
    case "tasks_packages":
      return writingReason(state, step);
    case "tasks_finalize":
      return finalizeGaps(state);
    case "accept":
      return [
        `the mission is not accepted yet: run \`spec-kitty accept --mission ${slug}\`, which lists what is missing`,
      ];
    case "merge":
      return [`the mission is not merged yet: run \`spec-kitty merge --mission ${slug}\``];
    default:
      return [];
  }
}

export async function runNext(options: NextOptions): Promise<NextOutcome> {
  const { mission, result, env } = options;
  const advancing = result !== undefined;
  // Both modes need an actor: every command the answer prints names it (`--agent <it>`).
  const agent = resolveAgent(options.agent, { root: mission.root, required: true });
  const me = claimantOf(agent, mission.root, env);
  const state = readMissionState(mission);
  let decision = decide(state, me);
  const slug = mission.slug;
  const prev = advancing ? lastIssued(mission, agent) : null;
  const guardFailures = prev && result === "success" ? openGuards(state, prev, slug, env) : [];
  let reason = decision.reason;
  if (result === "failed" && prev) {
    reason =
      `the previous ${prev.action ?? prev.mission_state}${prev.wp_id ? ` of ${prev.wp_id}` : ""} was reported failed; fix the cause and retry. ${decision.reason ?? ""}`.trim();
  }
  if (result === "blocked") {
    const what = prev
      ? `${prev.action ?? prev.mission_state}${prev.wp_id ? ` of ${prev.wp_id}` : ""}`
      : decision.step;
    decision = {
      ...decision,
      kind: "blocked",
      reason: `${agent} reported the ${what} as blocked`,
      unblock: [
        "resolve what blocked it (or ask a human), then run `spec-kitty next` again: nothing is stuck",
      ],
    };
    reason = decision.reason;
  }
  const workspacePath = decision.wpId
    ? laneForWp(mission, decision.wpId, state.manifest ?? undefined).workspacePath
    : null;
  const promptFile = writeNextPrompt(mission, agent, decision, workspacePath);
  const timestamp = nowIso();
  // A finished mission has nothing left to advance: reports on it are not journaled, so the files
  // `spec-kitty merge` committed stay committed.
  if (advancing && decision.kind !== "terminal") {
    await recordNextInvoked(
      mission,
      missionIdentity(mission).type,
      {
        action: decision.action,
        agent,
        decision_kind: decision.kind,
        mission_state: decision.step,
        result_input: result,
        wp_id: decision.wpId,
      },
      timestamp,
    );
  }
  return {
    state,
    decision,
    agent,
    isQuery: !advancing,
    timestamp,
    workspacePath,
    promptFile,
    guardFailures,
    reason,
    // The same state answers the same way in both modes: blocked is exit 1, whether asked or reported.
    exitCode: decision.kind === "blocked" ? 1 : 0,
  };
}
