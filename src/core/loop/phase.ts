/**
 * The mission state machine: which step a mission is in, derived only from its files.
 *
 *   specify → plan → tasks_outline → tasks_packages → tasks_finalize → implement ⇄ review → accept → merge → done
 *
 * Per-WP lanes come from the status model; which moves between them are legal is decided by the one
 * transition table (src/core/status/transitions.ts), never here.
 */
import type { StatusLane } from "../status/lane.ts";
import type { MissionState } from "./state.ts";

export type Step =
  | "specify"
  | "plan"
  | "tasks_outline"
  | "tasks_packages"
  | "tasks_finalize"
  | "implement"
  | "review"
  | "accept"
  | "merge"
  | "done";

/** The action (and slash command) that carries a step out. `done` has none. */
export const STEP_ACTION: Record<Step, string | null> = {
  specify: "specify",
  plan: "plan",
  tasks_outline: "tasks",
  tasks_packages: "tasks",
  tasks_finalize: "tasks",
  implement: "implement",
  review: "review",
  accept: "accept",
  merge: "merge",
  done: null,
};

const STILL_IMPLEMENTING: ReadonlySet<StatusLane> = new Set<StatusLane>([
  "planned",
  "claimed",
  "in_progress",
  "blocked",
]);

/** Why the tasks phase is not finished yet (empty once finalize-tasks has run for every WP). */
export function finalizeGaps(state: MissionState): string[] {
  const gaps: string[] = [];
  if (!state.manifest) gaps.push("lanes.json is missing (finalize-tasks has not run)");
  const inLane = new Set(state.manifest?.lanes.flatMap((lane) => lane.wp_ids) ?? []);
  for (const wp of state.wps) {
    if (!wp.hasStatus) gaps.push(`${wp.id} has no status events`);
    // A WP only the log still knows (its file is gone) is history, not something to finalize.
    else if (state.manifest && wp.file !== null && !inLane.has(wp.id))
      gaps.push(`${wp.id} is not in any lane of lanes.json`);
  }
  return gaps;
}

export function currentStep(state: MissionState): Step {
  if (!state.specWritten) return "specify";
  if (!state.planWritten) return "plan";
  if (!state.tasksMdExists) return "tasks_outline";
  if (state.wps.length === 0) return "tasks_packages";
  const active = state.wps.filter((wp) => wp.lane !== "canceled");
  // Finished is finished, even for a mission from before lanes.json existed.
  if (active.length > 0 && active.every((wp) => wp.lane === "done" && wp.hasStatus)) return "done";
  if (finalizeGaps(state).length > 0) return "tasks_finalize";
  if (active.every((wp) => wp.lane === "done")) return "done";
  if (active.every((wp) => wp.lane === "approved" || wp.lane === "done"))
    return state.accepted ? "merge" : "accept";
  return active.some((wp) => STILL_IMPLEMENTING.has(wp.lane)) ? "implement" : "review";
}
