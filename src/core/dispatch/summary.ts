/** The end of a dispatch: every WP's lane and, when it is not approved or done, why; the commands that continue. */
import { nowIso } from "../clock.ts";
import { isSpecKittyError } from "../errors.ts";
import { requireLanes } from "../lanes/lookup.ts";
import { runMerge } from "../merge/run.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { laneOf, type StatusSnapshot } from "../status/reducer.ts";
import { dependenciesOf, listWpFiles } from "../tasks/wp-list.ts";
import type { DispatchEvent, DispatchSummary, RunOutcome, WpOutcome } from "./events.ts";
import type { DispatchOptions, RunRecord } from "./journal.ts";

const FINISHED: ReadonlySet<StatusLane> = new Set(["approved", "done"]);

export function wpOutcomes(
  mission: MissionRef,
  snapshot: StatusSnapshot,
  parked: ReadonlyMap<string, string>,
  options: DispatchOptions,
  stopped: boolean,
): WpOutcome[] {
  const files = listWpFiles(mission);
  const ours = new Set([...options.agents, ...(options.reviewBy ? [options.reviewBy] : [])]);
  return files.map((wp) => {
    const lane = laneOf(snapshot, wp.id);
    if (FINISHED.has(lane)) return { wp_id: wp.id, lane, note: null };
    const waiting = dependenciesOf(wp).filter((dep) => !FINISHED.has(laneOf(snapshot, dep)));
    const holder = snapshot.work_packages[wp.id]?.actor ?? null;
    const heldElsewhere = holder !== null && !ours.has(holder) && lane !== "planned";
    const note =
      parked.get(wp.id) ??
      (waiting.length ? `waiting on ${waiting.join(", ")}` : null) ??
      (lane === "blocked" || lane === "canceled" ? lane : null) ??
      (heldElsewhere ? `held by ${holder}` : stopped ? "not started (dispatch was stopped)" : "not started");
    return { wp_id: wp.id, lane, note };
  });
}

export interface SummaryFacts {
  mission: MissionRef;
  wps: WpOutcome[];
  complete: boolean;
  interrupted: boolean;
  runs: RunOutcome[];
  adopted: RunRecord[];
  recovered: RunRecord[];
  merged: boolean;
  mergeError: DispatchSummary["merge_error"];
}

export function buildSummary(facts: SummaryFacts): DispatchSummary {
  const slug = facts.mission.slug;
  const unfinished = facts.wps.some((wp) => wp.note !== null);
  return {
    mission_slug: slug,
    complete: facts.complete,
    interrupted: facts.interrupted,
    wps: facts.wps,
    runs: facts.runs,
    adopted: facts.adopted.map((r) => r.runId),
    recovered: facts.recovered.map((r) => r.runId),
    merged: facts.merged,
    merge_error: facts.mergeError,
    resume_command: unfinished ? `spec-kitty dispatch --mission ${slug} --resume` : null,
    merge_command: facts.complete && !facts.merged ? `spec-kitty merge --mission ${slug}` : null,
  };
}

/** `--merge`: the normal journaled merge once every WP is approved; a refusal is reported, not thrown. */
export async function mergeAtEnd(
  mission: MissionRef,
  req: { env: Record<string, string | undefined>; driverCommand: string },
  emit: (event: DispatchEvent) => void,
): Promise<{ merged: boolean; mergeError: DispatchSummary["merge_error"] }> {
  try {
    const result = await runMerge({
      mission,
      env: req.env,
      push: false,
      skipUnapproved: false,
      driverCommand: req.driverCommand,
    });
    const journal = result.kind === "merged" ? result.journal : null;
    emit({
      event: "merge_finished",
      at: nowIso(),
      target_branch: journal?.target_branch ?? requireLanes(mission).targetBranch,
      done_wps: journal?.done_wps ?? [],
    });
    return { merged: true, mergeError: null };
  } catch (error) {
    const code = isSpecKittyError(error) ? error.code : "INTERNAL";
    const message = error instanceof Error ? error.message : String(error);
    emit({ event: "merge_failed", at: nowIso(), error_code: code, message });
    return { merged: false, mergeError: { code, message } };
  }
}
