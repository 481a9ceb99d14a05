/**
 * Which runs to start next, decided from facts only (the WPs' lanes and holders from the status log,
 * the lanes of lanes.json, the runs in flight). Pure, so the rules are tested on their own:
 *
 * - one run per execution lane at a time (a lane's WPs share a worktree and run one after another),
 *   and at most `capacity` new runs;
 * - in a lane, the first WP in lane order that has work for us: a review to resume or take, an
 *   implementation of ours to resume, or a planned WP whose dependencies are approved or done;
 * - implementation goes to the lane's agent (the agents take lanes in turn), review to the reviewer.
 */
import type { StatusLane } from "../status/lane.ts";
import type { RunRole } from "./agents.ts";

export interface ScheduledWp {
  id: string;
  laneId: string;
  dependencies: string[];
}

export interface ScheduleInput {
  /** WPs grouped by execution lane, each lane's WPs in lane order; lanes in lanes.json order. */
  lanes: { laneId: string; wps: ScheduledWp[] }[];
  laneOf: (wpId: string) => StatusLane;
  /** Actor of the WP's latest status event. */
  holderOf: (wpId: string) => string | null;
  agents: readonly string[];
  /** Who reviews; null = the agent of the WP's lane. */
  reviewer: string | null;
  /** Lanes with a run in flight. */
  busyLanes: ReadonlySet<string>;
  /** WPs this dispatcher will not start again (too many failures or rejections, or refused to start). */
  parked: ReadonlySet<string>;
  capacity: number;
}

export interface PlannedRun {
  wpId: string;
  laneId: string;
  role: RunRole;
  agent: string;
  /** Picking up a claim (of ours) that no run holds, rather than starting fresh. */
  resume: boolean;
}

const MET: ReadonlySet<StatusLane> = new Set(["approved", "done"]);

/** The agent that implements a lane: agents take lanes in turn, in lanes.json order. */
export function laneAgent(agents: readonly string[], laneIndex: number): string {
  return agents[laneIndex % agents.length] as string;
}

function nextInLane(input: ScheduleInput, laneIndex: number): PlannedRun | null {
  const lane = input.lanes[laneIndex];
  if (!lane) return null;
  const implementer = laneAgent(input.agents, laneIndex);
  const reviewer = input.reviewer ?? implementer;
  const ours = new Set([...input.agents, reviewer]);
  for (const wp of lane.wps) {
    if (input.parked.has(wp.id)) continue;
    const status = input.laneOf(wp.id);
    const holder = input.holderOf(wp.id);
    const run = (role: RunRole, agent: string, resume: boolean): PlannedRun => ({
      wpId: wp.id,
      laneId: lane.laneId,
      role,
      agent,
      resume,
    });
    if (status === "in_review" && holder === reviewer) return run("review", reviewer, true);
    if (status === "for_review") return run("review", reviewer, false);
    if ((status === "claimed" || status === "in_progress") && holder !== null && ours.has(holder))
      return run("implement", input.agents.includes(holder) ? holder : implementer, true);
    if (status === "planned" && wp.dependencies.every((dep) => MET.has(input.laneOf(dep))))
      return run("implement", implementer, false);
    // Anything else (approved, done, canceled, blocked, held by someone else, waiting on a
    // dependency) lets the lane's later WPs be considered: a lane is an order, not a lock.
  }
  return null;
}

export function schedule(input: ScheduleInput): PlannedRun[] {
  const out: PlannedRun[] = [];
  for (let i = 0; i < input.lanes.length && out.length < input.capacity; i++) {
    const lane = input.lanes[i];
    if (!lane || input.busyLanes.has(lane.laneId)) continue;
    const next = nextInLane(input, i);
    if (next) out.push(next);
  }
  return out;
}
