/**
 * Becoming a mission's dispatcher, under the journal's one lock: refuse while another live dispatcher
 * owns it; sort the runs a crashed one left unfinished into adopted (their agent still runs) and
 * recovered (their agent is gone: recorded `lost`, their WPs picked up again, work in place kept).
 */
import { join } from "node:path";
import { nowIso } from "../clock.ts";
import { SpecKittyError } from "../errors.ts";
import { currentOwner, isAlive, type ProcessOwner } from "../fs/owner.ts";
import { excludeLocally } from "../git/exclude.ts";
import {
  type DispatchOptions,
  type DispatchOwner,
  dispatchDirRel,
  foldRuns,
  Journal,
  type RunRecord,
} from "./journal.ts";
import { processesWithEnv } from "./liveness.ts";

/** The process of an unfinished run, if it is still alive (found by its env when its pid never made it to the journal). */
export function liveProcessOf(run: RunRecord): ProcessOwner | null {
  if (run.process) return isAlive(run.process) ? run.process : null;
  return processesWithEnv("SPEC_KITTY_DISPATCH_RUN", run.runId).find(isAlive) ?? null;
}

export interface Claim {
  owner: DispatchOwner;
  /** The previous owner record, when there was one (a resume, or a re-run after a crash). */
  previous: DispatchOwner | null;
  runs: Map<string, RunRecord>;
  /** Unfinished runs whose agent still runs: the new dispatcher watches them instead of starting others. */
  adopted: RunRecord[];
  /** Unfinished runs whose agent is gone: recorded as `lost`; their WPs are picked up again. */
  recovered: RunRecord[];
}

const ownerOptions = (options: DispatchOptions): DispatchOwner["options"] => ({
  agents: options.agents,
  max: options.max,
  review_by: options.reviewBy,
  timeout_seconds: options.timeoutSeconds,
  max_attempts: options.maxAttempts,
  max_cycles: options.maxCycles,
  merge: options.merge,
});

export function optionsOf(owner: DispatchOwner): DispatchOptions {
  const o = owner.options;
  return {
    agents: o.agents,
    max: o.max,
    reviewBy: o.review_by,
    timeoutSeconds: o.timeout_seconds,
    maxAttempts: o.max_attempts,
    maxCycles: o.max_cycles,
    merge: o.merge,
  };
}

/** Reads the previous owner (for --resume) without claiming anything. */
export function previousOwner(root: string, slug: string): DispatchOwner | null {
  return new Journal(root, slug).readOwner();
}

/**
 * Becomes the mission's dispatcher: refuses while another live dispatcher owns it, then sorts the
 * runs a crashed dispatcher left unfinished into adopted (agent alive) and recovered (agent dead).
 */
export async function claimDispatch(journal: Journal, options: DispatchOptions): Promise<Claim> {
  // `.kittify/runtime/` is scratch space: never untracked noise, never in an agent's `git add -A`.
  excludeLocally(journal.root, ".kittify/runtime");
  return journal.locked(() => {
    const previous = journal.readOwner();
    if (previous && (previous.state === "running" || previous.state === "stopping")) {
      const ref: ProcessOwner = { pid: previous.pid, host: previous.host, start: previous.proc_start };
      if (ref.pid !== currentOwner().pid && isAlive(ref)) {
        throw new SpecKittyError(
          "DISPATCH_RUNNING",
          `mission ${journal.slug} is being dispatched by pid ${previous.pid} on ${previous.host}`,
          {
            fix: `wait for it, or stop it with Ctrl-C (or \`kill ${previous.pid}\`); if that host is gone, delete ${join(dispatchDirRel(journal.slug), "owner.json")}`,
            details: { pid: previous.pid, host: previous.host, started_at: previous.started_at },
          },
        );
      }
    }
    const runs = foldRuns(journal.readLines());
    const adopted: RunRecord[] = [];
    const recovered: RunRecord[] = [];
    for (const run of runs.values()) {
      if (run.ended) continue;
      const live = liveProcessOf(run);
      if (live) {
        run.process = live;
        adopted.push(run);
      } else recovered.push(run);
    }
    const at = nowIso();
    journal.append(
      recovered.map((run) => ({
        run_id: run.runId,
        event: "ended" as const,
        at,
        wp_id: run.wpId,
        role: run.role,
        agent: run.agent,
        attempt: run.attempt,
        status: "lost" as const,
        exit_code: null,
        message: "the dispatcher stopped before this run ended, and its agent is gone",
      })),
    );
    for (const run of recovered) run.ended = { status: "lost", exitCode: null, laneAfter: null };
    const me = currentOwner();
    const owner: DispatchOwner = {
      version: 1,
      mission_slug: journal.slug,
      pid: me.pid,
      host: me.host,
      proc_start: me.start,
      started_at: at,
      updated_at: at,
      state: "running",
      options: ownerOptions(options),
    };
    journal.writeOwner(owner);
    return { owner, previous, runs, adopted, recovered };
  });
}
