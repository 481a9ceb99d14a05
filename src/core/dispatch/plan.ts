/**
 * `dispatch --dry-run`: what a dispatch would do, computed from the same facts and the same schedule,
 * writing nothing (no journal, no claim, no worktree): each lane with its agent and WPs, the runs it
 * would start first, and exactly how each agent would be invoked.
 */
import type { DispatchConfig } from "../config.ts";
import { isAlive } from "../fs/owner.ts";
import { requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { dependenciesOf, listWpFiles } from "../tasks/wp-list.ts";
import { type AgentInvocation, invocationFor } from "./agents.ts";
import { COMMON_ENV } from "./env.ts";
import { type DispatchOptions, Journal } from "./journal.ts";
import { laneAgent, type PlannedRun, schedule } from "./schedule.ts";

export interface DispatchPlan {
  mission_slug: string;
  options: DispatchOptions;
  lanes: { lane_id: string; agent: string; wps: { wp_id: string; lane: string; dependencies: string[] }[] }[];
  first_runs: PlannedRun[];
  invocations: (Pick<AgentInvocation, "key" | "command" | "prompt" | "source"> & { env: string[] })[];
  common_env: readonly string[];
  /** A live dispatcher of this mission, if one runs now (a real dispatch would refuse). */
  running: { pid: number; host: string } | null;
  journal: string;
}

export function planDispatch(
  mission: MissionRef,
  options: DispatchOptions,
  config: DispatchConfig,
): DispatchPlan {
  const agents = [...new Set([...options.agents, ...(options.reviewBy ? [options.reviewBy] : [])])];
  const invocations = agents.map((key) => invocationFor(key, config));
  const manifest = requireLanes(mission);
  const snapshot = loadSnapshot(mission);
  const deps = new Map(listWpFiles(mission).map((wp) => [wp.id, dependenciesOf(wp)]));
  const lanes = manifest.lanes.map((lane) => ({
    laneId: lane.lane_id,
    wps: lane.wp_ids.map((id) => ({ id, laneId: lane.lane_id, dependencies: deps.get(id) ?? [] })),
  }));
  const first = schedule({
    lanes,
    laneOf: (id) => laneOf(snapshot, id),
    holderOf: (id) => snapshot.work_packages[id]?.actor ?? null,
    agents: options.agents,
    reviewer: options.reviewBy,
    busyLanes: new Set(),
    parked: new Set(),
    capacity: options.max,
  });
  const journal = new Journal(mission.root, mission.slug);
  const owner = journal.readOwner();
  const live =
    owner &&
    (owner.state === "running" || owner.state === "stopping") &&
    isAlive({ pid: owner.pid, host: owner.host, start: owner.proc_start });
  return {
    mission_slug: mission.slug,
    options,
    lanes: lanes.map((lane, index) => ({
      lane_id: lane.laneId,
      agent: laneAgent(options.agents, index),
      wps: lane.wps.map((wp) => ({
        wp_id: wp.id,
        lane: laneOf(snapshot, wp.id),
        dependencies: wp.dependencies,
      })),
    })),
    first_runs: first,
    invocations: invocations.map((inv) => ({
      key: inv.key,
      command: inv.command,
      prompt: inv.prompt,
      source: inv.source,
      env: inv.env,
    })),
    common_env: COMMON_ENV,
    running: live && owner ? { pid: owner.pid, host: owner.host } : null,
    journal: journal.dir,
  };
}
