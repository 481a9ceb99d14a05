/** A mission's progress in the buckets `next` reports (upstream's): counts per bucket and the weighted %. */
import { weightedProgress } from "../status/lane.ts";
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

/** Claimed counts as in progress, in_review as for review; blocked/canceled are in no bucket. */
export function progressOf(state: MissionState): Progress | null {
  if (state.wps.length === 0) return null;
  const count = (...lanes: string[]) => state.wps.filter((wp) => lanes.includes(wp.lane)).length;
  return {
    total_wps: state.wps.length,
    done_wps: count("done"),
    approved_wps: count("approved"),
    in_progress_wps: count("claimed", "in_progress"),
    planned_wps: count("planned"),
    for_review_wps: count("for_review", "in_review"),
    weighted_percentage: weightedProgress(state.wps.map((wp) => wp.lane)),
  };
}
