/**
 * `append-history`, `accept-mission` and `merge-mission`: the loop's own history, acceptance and merge,
 * with the original's payloads. Acceptance here is the original's orchestrator acceptance (every WP
 * approved or done, then the record in meta.json), not `spec-kitty accept`'s full report.
 */

import { compareWpIds } from "../../schema/wp-frontmatter.ts";
import { recordAcceptance } from "../accept/accept.ts";
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import { requireLanes } from "../lanes/lookup.ts";
import { runMerge } from "../merge/run.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { addHistory } from "../tasks/history.ts";
import { findWpFile, wpIdsOnDisk } from "../tasks/wp-list.ts";
import { identityOf, type MissionSource } from "./identity.ts";

/** `append-history`: one Activity Log line on the WP, by the actor. */
export async function appendHistory(
  source: MissionSource,
  req: { wpId: string; actor: string; note: string },
): Promise<Record<string, unknown>> {
  const mission = source();
  const wp = findWpFile(mission, req.wpId);
  try {
    await addHistory(mission, wp.id, req.note, { agent: req.actor, force: true });
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    throw new SpecKittyError(
      "HISTORY_COMMIT_FAILED",
      `could not record the history entry: ${error.message}`,
      {
        details: { ...identityOf(mission), wp_id: wp.id },
      },
    );
  }
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"));
  return { ...identityOf(mission), wp_id: wp.id, history_entry_id: `hist-${hex.join("")}` };
}

/** `accept-mission`: refuses while a WP is not approved or done; records the acceptance in meta.json. */
export function acceptMissionForOrchestrator(
  source: MissionSource,
  req: { actor: string; env: Record<string, string | undefined> },
): Record<string, unknown> {
  const mission = source();
  const snapshot = loadSnapshot(mission);
  const ids = [...new Set([...wpIdsOnDisk(mission), ...Object.keys(snapshot.work_packages)])].sort(
    compareWpIds,
  );
  const incomplete = ids.filter((id) => !["approved", "done"].includes(laneOf(snapshot, id)));
  if (incomplete.length > 0) {
    throw new SpecKittyError("MISSION_NOT_READY", `Mission has ${incomplete.length} incomplete WP(s)`, {
      details: { ...identityOf(mission), incomplete_wps: incomplete },
    });
  }
  const { acceptedAt } = recordAcceptance(mission, req.actor, req.env);
  const approved = ids.filter((id) => laneOf(snapshot, id) === "approved");
  const done = ids.filter((id) => laneOf(snapshot, id) === "done");
  return {
    ...identityOf(mission),
    accepted: true,
    mode: "auto",
    accepted_at: acceptedAt,
    accepted_wps: [...approved, ...done],
    approved_wps: approved,
    done_wps: done,
    merge_pending_wps: approved,
  };
}

/** Strategies the original accepts; `rebase` is refused here (the merge module lands merge or squash). */
const KNOWN_STRATEGIES = ["merge", "rebase", "squash"];
const SUPPORTED_STRATEGIES = ["merge", "squash"] as const;

export interface MergeMissionRequest {
  target?: string;
  strategy: string;
  push: boolean;
  env: Record<string, string | undefined>;
  /** The command git runs as the status-log merge driver (the running binary). */
  selfDir: string | null;
}

/** `merge-mission`: the normal, journaled `spec-kitty merge`; any refusal or stop is PREFLIGHT_FAILED. */
export async function mergeMission(
  source: MissionSource,
  req: MergeMissionRequest,
): Promise<Record<string, unknown>> {
  if (!(SUPPORTED_STRATEGIES as readonly string[]).includes(req.strategy)) {
    const why = KNOWN_STRATEGIES.includes(req.strategy)
      ? "is not supported by this host"
      : "is not a strategy";
    throw new SpecKittyError(
      "UNSUPPORTED_STRATEGY",
      `Strategy '${req.strategy}' ${why}. Supported strategies: ${SUPPORTED_STRATEGIES.join(", ")}`,
      { details: { strategy: req.strategy, supported: [...SUPPORTED_STRATEGIES] } },
    );
  }
  const mission = source();
  let target = req.target ?? mission.meta.target_branch ?? "main";
  const failed = (errors: string[]) =>
    new SpecKittyError("PREFLIGHT_FAILED", "Merge failed", {
      details: { ...identityOf(mission), target_branch: target, errors },
    });
  try {
    target = requireLanes(mission).targetBranch;
  } catch (error) {
    if (isSpecKittyError(error)) throw failed([error.message]);
    throw error;
  }
  if (req.target !== undefined && req.target !== target) {
    throw failed([
      `--target ${req.target} is not the mission's target branch (${target}); this host merges a mission into its own target only`,
    ]);
  }
  let result: Awaited<ReturnType<typeof runMerge>>;
  try {
    result = await runMerge({
      mission,
      env: req.env,
      strategy: req.strategy as (typeof SUPPORTED_STRATEGIES)[number],
      push: req.push,
      skipUnapproved: false,
      selfDir: req.selfDir,
    });
  } catch (error) {
    if (isSpecKittyError(error))
      throw failed([error.fix ? `${error.message} (${error.fix})` : error.message]);
    throw error;
  }
  const journal = result.kind === "merged" ? result.journal : null;
  return {
    ...identityOf(mission),
    merged: true,
    target_branch: target,
    strategy: journal?.strategy ?? req.strategy,
    // True when this call removed lane worktrees (the original always says false, though it removes them).
    worktree_removed:
      journal?.steps.find((s) => s.id === "cleanup")?.detail?.includes(".worktrees/") ?? false,
    merged_wps: journal?.done_wps ?? [],
  };
}
