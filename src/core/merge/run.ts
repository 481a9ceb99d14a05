/**
 * `spec-kitty merge`: plan (or pick up the journal of an interrupted merge), then run the journal's
 * steps in order. A failing step stops the merge with the journal kept and the error recorded; the
 * same command continues from there.
 */

import { delimiter } from "node:path";
import { nowIso } from "../clock.ts";
import { SpecKittyError } from "../errors.ts";
import { excludeLocally } from "../git/exclude.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { readEvents } from "../status/store.ts";
import type { Env } from "./git-ops.ts";
import { journalPath, type MergeJournal, readJournal, runStep, writeJournal } from "./journal.ts";
import { withMergeLock } from "./lock.ts";
import { type MergeOptions, type MergePlan, planMerge, type Strategy } from "./plan.ts";
import { assertMergePreflight, type PreflightBlocker, preflightBlocker, preMergeHeads } from "./preflight.ts";
import { fetchForMerge } from "./remote.ts";
import { deleteRemoteBranches } from "./remote-branches.ts";
import {
  cleanup,
  commitStatus,
  configureDriver,
  landOnTarget,
  mergeLane,
  pushTarget,
  recordDone,
  type StepContext,
} from "./steps.ts";
import { verifyLanded } from "./verify.ts";

export interface MergeRequest {
  mission: MissionRef;
  env: Env;
  /** `--strategy` when given; a resumed merge keeps the journal's strategy. */
  strategy?: Strategy;
  push: boolean;
  skipUnapproved: boolean;
  /** With push: leave the merged lane branches on the remote. */
  keepRemoteBranches?: boolean;
  /** Fetch from the remote before planning (the only network read merge makes). */
  fetch?: boolean;
  /**
   * The directory of the running spec-kitty binary, put first on PATH for the git merges this run
   * makes, so the `spec-kitty merge-driver-…` commands of git config find this very binary.
   */
  selfDir: string | null;
}

export interface MergeOutcome {
  journal: MergeJournal;
  journalPath: string;
  resumed: boolean;
  /** Steps this run performed (the rest were done by an earlier run). */
  ran: string[];
  warnings: string[];
}

function journalFromPlan(plan: MergePlan, mission: MissionRef): MergeJournal {
  const now = nowIso();
  return {
    version: 1,
    mission_slug: mission.slug,
    mission_id: plan.missionId,
    target_branch: plan.targetBranch,
    mission_branch: plan.missionBranch,
    strategy: plan.strategy,
    push: plan.push,
    remote: plan.remote,
    state: "running",
    started_at: now,
    updated_at: now,
    owner_pid: process.pid,
    mission_head: null,
    lanes: plan.lanes,
    done_wps: plan.doneWps,
    skipped_wps: plan.skippedWps,
    steps: plan.steps.map((id) => ({
      id,
      status: "pending",
      started_at: null,
      finished_at: null,
      detail: null,
    })),
    last_error: null,
  };
}

/** The journal to run: an unfinished one (resumed) or a new one from a fresh plan; null = nothing to do. */
export function pendingJournal(root: string, slug: string): MergeJournal | null {
  const journal = readJournal(root, slug);
  return journal && journal.state !== "completed" ? journal : null;
}

function claim(req: MergeRequest): {
  journal: MergeJournal | null;
  resumed: boolean;
  plan: MergePlan | null;
} {
  const { mission } = req;
  const existing = pendingJournal(mission.root, mission.slug);
  if (existing) {
    // The caller holds the mission's merge lock, so the journal's owner (if it names one) is dead.
    if (req.strategy && req.strategy !== existing.strategy) {
      throw new SpecKittyError(
        "MERGE_IN_PROGRESS",
        `an interrupted ${existing.strategy} merge of ${mission.slug} is waiting to be finished`,
        {
          fix: `run \`spec-kitty merge --mission ${mission.slug}\` (or --strategy ${existing.strategy}) to finish it`,
          details: { journal: journalPath(mission.root, mission.slug) },
        },
      );
    }
    assertMergePreflight(mission, existing, req.env);
    existing.owner_pid = process.pid;
    existing.state = "running";
    writeJournal(mission.root, existing);
    return { journal: existing, resumed: true, plan: null };
  }
  const options: MergeOptions = {
    strategy: req.strategy ?? "merge",
    push: req.push,
    skipUnapproved: req.skipUnapproved,
    keepRemoteBranches: req.keepRemoteBranches,
  };
  if (req.fetch) fetchForMerge(mission, req.env);
  const plan = planMerge(mission, options, req.env);
  if (plan.steps.length === 0) return { journal: null, resumed: false, plan };
  if (plan.refusal) throw plan.refusal;
  const journal = journalFromPlan(plan, mission);
  assertMergePreflight(mission, journal, req.env);
  journal.pre_merge = preMergeHeads(mission.root, journal, req.env);
  excludeLocally(mission.root, ".kittify/runtime", { env: req.env });
  writeJournal(mission.root, journal);
  return { journal, resumed: false, plan };
}

async function perform(ctx: StepContext, id: string): Promise<string | null> {
  if (id === "plan") return "plan recorded";
  if (id === "driver") return configureDriver(ctx);
  if (id === "target") return landOnTarget(ctx);
  if (id === "verify") return verifyLanded(ctx.mission.root, ctx.journal, readEvents(ctx.mission), ctx.env);
  if (id === "remote-branches")
    return deleteRemoteBranches(ctx.mission.root, ctx.journal, ctx.env, ctx.warnings);
  if (id === "commit-status") return commitStatus(ctx);
  if (id === "push") return pushTarget(ctx);
  if (id === "cleanup") return cleanup(ctx);
  if (id.startsWith("lane:")) return mergeLane(ctx, id.slice("lane:".length));
  if (id.startsWith("done:")) return recordDone(ctx, id.slice("done:".length));
  throw new SpecKittyError("MERGE_JOURNAL_STEP", `unknown merge step '${id}' in the journal`, {
    fix: "the journal was written by another version; finish that merge with it, or delete the journal",
  });
}

export type MergeResult = { kind: "nothing"; plan: MergePlan } | ({ kind: "merged" } & MergeOutcome);

/** `env` with `dir` first on PATH (unchanged when there is no directory to add). */
function withSelfOnPath(env: Env, dir: string | null): Env {
  if (!dir) return env;
  const path = env.PATH ?? "";
  return { ...env, PATH: path ? `${dir}${delimiter}${path}` : dir };
}

export async function runMerge(req: MergeRequest): Promise<MergeResult> {
  return withMergeLock(req.mission, () => mergeHeld(req));
}

async function mergeHeld(req: MergeRequest): Promise<MergeResult> {
  const { mission } = req;
  const claimed = claim(req);
  if (!claimed.journal) return { kind: "nothing", plan: claimed.plan as MergePlan };
  const journal = claimed.journal;
  const ctx: StepContext = { mission, journal, env: withSelfOnPath(req.env, req.selfDir), warnings: [] };
  const ran: string[] = [];
  try {
    for (const step of journal.steps) {
      if (await runStep(mission.root, journal, step.id, req.env, () => perform(ctx, step.id)))
        ran.push(step.id);
    }
  } catch (error) {
    journal.state = "stopped";
    journal.owner_pid = null;
    const e = error as Partial<SpecKittyError>;
    journal.last_error = { code: e.code ?? "ERROR", message: String(e.message ?? error), at: nowIso() };
    writeJournal(mission.root, journal);
    if (error instanceof SpecKittyError) {
      const details = {
        ...error.details,
        journal: journalPath(mission.root, mission.slug),
        completed_steps: ran,
      };
      throw new SpecKittyError(error.code, error.message, {
        fix: error.fix,
        details,
        exitCode: error.exitCode,
      });
    }
    throw error;
  }
  journal.state = "completed";
  journal.owner_pid = null;
  journal.last_error = null;
  writeJournal(mission.root, journal);
  return {
    kind: "merged",
    journal,
    journalPath: journalPath(mission.root, mission.slug),
    resumed: claimed.resumed,
    ran,
    warnings: ctx.warnings,
  };
}

export interface MergePreview {
  resuming: boolean;
  missionSlug: string;
  targetBranch: string;
  missionBranch: string;
  strategy: Strategy;
  push: boolean;
  lanes: MergePlan["lanes"];
  doneWps: string[];
  skippedWps: string[];
  /** Steps still to run, in order. */
  steps: string[];
  /** Each merged lane branch, here and on the remote (empty for an interrupted merge). */
  syncs: MergePlan["syncs"];
  /**
   * The first thing that would stop the merge before its first write: a refusal of the plan (a lane
   * behind or diverged from its remote copy, approved work missing) or of the preflight (a predicted
   * conflict, a dirty target…); null when it would run.
   */
  blocker: PreflightBlocker | null;
}

/** What `merge` would do now, read-only: the rest of an interrupted merge, or a fresh plan. */
export function previewMerge(
  mission: MissionRef,
  options: {
    strategy?: Strategy;
    push: boolean;
    skipUnapproved: boolean;
    keepRemoteBranches?: boolean;
    fetch?: boolean;
  },
  env: Env,
): MergePreview {
  const journal = pendingJournal(mission.root, mission.slug);
  if (journal) {
    return {
      resuming: true,
      missionSlug: journal.mission_slug,
      targetBranch: journal.target_branch,
      missionBranch: journal.mission_branch,
      strategy: journal.strategy,
      push: journal.push,
      lanes: journal.lanes,
      doneWps: journal.done_wps,
      skippedWps: journal.skipped_wps,
      steps: journal.steps.filter((s) => s.status !== "done").map((s) => s.id),
      syncs: new Map(),
      blocker: preflightBlocker(mission, journal, env),
    };
  }
  if (options.fetch) fetchForMerge(mission, env);
  const plan = planMerge(mission, { ...options, strategy: options.strategy ?? "merge" }, env);
  return {
    resuming: false,
    missionSlug: mission.slug,
    targetBranch: plan.targetBranch,
    missionBranch: plan.missionBranch,
    strategy: plan.strategy,
    push: plan.push,
    lanes: plan.lanes,
    doneWps: plan.doneWps,
    skippedWps: plan.skippedWps,
    steps: plan.steps,
    syncs: plan.syncs,
    blocker: plan.refusal
      ? { code: plan.refusal.code, message: plan.refusal.message, fix: plan.refusal.fix }
      : plan.steps.length
        ? preflightBlocker(mission, journalFromPlan(plan, mission), env)
        : null,
  };
}
