/**
 * The decision document `spec-kitty next --json` prints: spec-kitty 3.1's keys in its order (agents
 * parse it), plus `mission_id` at the end.
 */
import { LANE_WEIGHT } from "../status/lane.ts";
import { missionIdentity } from "../status/materialize.ts";
import type { LoopDecision } from "./decide.ts";
import type { MissionState } from "./state.ts";

export interface Progress {
  total_wps: number;
  done_wps: number;
  approved_wps: number;
  in_progress_wps: number;
  planned_wps: number;
  for_review_wps: number;
  weighted_percentage: number;
}

/** Upstream's buckets: claimed counts as in progress, in_review as for review; blocked/canceled in none. */
export function progressOf(state: MissionState): Progress | null {
  if (state.wps.length === 0) return null;
  const count = (...lanes: string[]) => state.wps.filter((wp) => lanes.includes(wp.lane)).length;
  const weight = state.wps.reduce((sum, wp) => sum + LANE_WEIGHT[wp.lane], 0);
  return {
    total_wps: state.wps.length,
    done_wps: count("done"),
    approved_wps: count("approved"),
    in_progress_wps: count("claimed", "in_progress"),
    planned_wps: count("planned"),
    for_review_wps: count("for_review", "in_review"),
    weighted_percentage: Math.round((weight / state.wps.length) * 1000) / 10,
  };
}

export interface DecisionInput {
  state: MissionState;
  decision: LoopDecision;
  agent: string | null;
  isQuery: boolean;
  timestamp: string;
  workspacePath: string | null;
  promptFile: string | null;
  guardFailures: string[];
  reason: string | null;
}

export function decisionDocument(input: DecisionInput): Record<string, unknown> {
  const { state, decision } = input;
  const mission = state.mission;
  const { number, type } = missionIdentity(mission);
  return {
    kind: input.isQuery ? "query" : decision.kind,
    agent: input.agent,
    mission_slug: mission.slug,
    mission_number: number,
    mission_type: type,
    mission: type,
    mission_state: decision.step,
    timestamp: input.timestamp,
    action: decision.action,
    wp_id: decision.wpId,
    workspace_path: input.workspacePath,
    prompt_file: input.promptFile,
    reason: input.reason,
    guard_failures: input.guardFailures,
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
    is_query: input.isQuery,
    preview_step: input.isQuery ? decision.step : null,
    mission_id: mission.missionId,
  };
}
