import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { checkActor, defaultActor } from "../actor.ts";
import { nowSeconds } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkDestinations, containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { CommitOutcome } from "../git/commit.ts";
import { gitPerson } from "../git/identity.ts";
import type { Env } from "../home.ts";
import { readLanes } from "../lanes/file.ts";
import {
  type Claimant,
  CONFLICT_EXITS,
  claimConflictError,
  describeClaimant,
  isPersonActor,
} from "../status/claims.ts";
import { appendTransitions, type TransitionInput } from "../status/emit.ts";
import type { StatusEvent } from "../status/event.ts";
import { FORWARD_PATH, type StatusLane } from "../status/lane.ts";
import { snapshotPath } from "../status/materialize.ts";
import { hasLane, laneOf } from "../status/reducer.ts";
import { eventsPath, type StatusMission } from "../status/store.ts";
import { reopenSubtasks, uncheckedSubtasks } from "../tasks/subtasks.ts";
import { editWp, type WpFile } from "../tasks/wp-file.ts";
import { dependenciesOf, findWpFile, scalarText, wpIdsOnDisk } from "../tasks/wp-list.ts";
import { laneHeadEvidence } from "../workspace/lane-head.ts";
import { commitMissionFiles } from "./commit.ts";
import { assertWorkMerged } from "./done-check.ts";
import { type HandoffEvidence, handoffEvidence } from "./handoff.ts";
import { planReviewCycle, type ReviewCyclePlan } from "./review-cycle.ts";
import { describeUnmet, mayContinue, unmetAmong } from "./state.ts";

export interface MoveTaskOptions {
  wpId: string;
  to: StatusLane;
  /** `--agent` as given: checked here (safety, then the agent-tool rule unless forced). */
  agent?: string;
  assignee?: string;
  shellPid?: string;
  note?: string;
  reason?: string;
  force?: boolean;
  /** Absolute path of the feedback file (a rejection's review feedback). */
  reviewFeedbackFile?: string;
  /** `--allow-external-feedback`: the feedback file may be outside the project. */
  allowExternalFeedback?: boolean;
  approvalRef?: string;
  reviewer?: string;
  doneOverrideReason?: string;
  /** For the sync queue and git (see emit.ts). */
  env?: Env;
}

export interface MoveTaskResult {
  oldLane: StatusLane;
  newLane: StatusLane;
  path: string;
  events: StatusEvent[];
  reviewCycle: ReviewCyclePlan | null;
  /** Set when auto-commit was on: what happened (a failed commit is a warning, files stay written). */
  commit: CommitOutcome | null;
}

/** Commits exactly the files the move wrote, under the status lock so parallel moves never race on the index. */
function commitMove(
  mission: StatusMission,
  opts: MoveTaskOptions,
  wpPath: string,
  cycle: ReviewCyclePlan | null,
  me: Claimant,
  tasksMd: string | null,
): CommitOutcome {
  const number = mission.slug.split("-")[0];
  // The committer is the person already: only an agent or a role is worth naming in the message.
  const who = isPersonActor(me) ? "" : ` [${me.actor}]`;
  const own = [wpPath, ...(cycle ? [cycle.path] : []), ...(tasksMd ? [tasksMd] : [])];
  return commitMissionFiles(
    mission,
    { own, status: [eventsPath(mission), snapshotPath(mission)] },
    `chore: Move ${opts.wpId} to ${opts.to} on spec ${number}${who}`,
    opts.env,
  );
}

/** A rejection reopens the WP's ticked subtasks in tasks.md; null when that changes nothing. */
function reopenedTasks(mission: StatusMission, wpId: string): { path: string; text: string } | null {
  const path = join(mission.dir, "tasks.md");
  if (!existsSync(path)) return null;
  const text = readTextFile(containedPath(mission.root, path), `kitty-specs/${mission.slug}/tasks.md`);
  const out = reopenSubtasks(text, wpId);
  return out.reopened.length > 0 ? { path, text: out.text } : null;
}

/** What the WP shows of its own work (commits since its claim, nothing left uncommitted). */
function evidenceFor(mission: StatusMission, wp: WpFile, opts: MoveTaskOptions): HandoffEvidence {
  return handoffEvidence(mission, wp, readLanes(mission), { env: opts.env });
}

/** Lanes a non-forced move walks through: every step of the forward path, or a single hop otherwise. */
function hops(from: StatusLane, to: StatusLane): StatusLane[] {
  const a = FORWARD_PATH.indexOf(from);
  const b = FORWARD_PATH.indexOf(to);
  return a !== -1 && b > a ? FORWARD_PATH.slice(a + 1, b + 1) : [to];
}

/**
 * Who may give the verdict on a WP in review: the claimant who took the review. Named (`--agent`), the
 * claimant must match (actor, and person when both are recorded); unnamed, the person decides.
 */
function notTheReviewer(holder: Claimant | null, fileAgent: string, me: Claimant, named: boolean): boolean {
  if (holder === null) return false;
  if (named) return !mayContinue(holder, fileAgent, me);
  return holder.person !== null && me.person !== null && holder.person !== me.person;
}

const needsReview = (from: StatusLane, to: StatusLane): boolean =>
  from === "in_review" ||
  (from === "in_progress" && to === "approved") ||
  (from === "approved" && to === "done");

/**
 * `agent tasks move-task`: one command, one or more events. Without --force a forward move is chained
 * through every intermediate lane (so each hop passes the table and its guards); with --force it is
 * exactly one event. Everything is checked under the status lock before anything is written; then the
 * events are appended, and the review-cycle file and the WP file (agent, activity line) are written.
 */
export async function moveTask(mission: StatusMission, request: MoveTaskOptions): Promise<MoveTaskResult> {
  const named =
    request.agent === undefined
      ? undefined
      : checkActor(request.agent, { root: mission.root, force: request.force });
  const opts: MoveTaskOptions = { ...request, agent: named };
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  const person = opts.env ? gitPerson(mission.root, { env: opts.env }) : null;
  const actor = named ?? defaultActor(mission.root, opts.env);
  const me: Claimant = { actor, person };
  let commit: CommitOutcome | null = null;
  let prepared:
    | {
        oldLane: StatusLane;
        wpText: string;
        path: string;
        cycle: ReviewCyclePlan | null;
        /** tasks.md with the WP's subtasks reopened (a rejection), when that changes it. */
        tasks: { path: string; text: string } | null;
      }
    | undefined;

  const events = await appendTransitions(
    mission,
    (snapshot, team) => {
      const wp = findWpFile(mission, opts.wpId);
      const state = snapshot.work_packages[opts.wpId];
      if (!hasLane(state)) {
        throw new SpecKittyError("WP_NO_STATUS", `${opts.wpId} has no status events yet`, {
          fix: `run \`spec-kitty agent mission finalize-tasks --mission ${mission.slug}\` first`,
        });
      }
      const from = state.lane;
      // A double claim: neither claimant carries the WP on until one is kept (back to planned or
      // parked is fine, and --force is the documented override).
      const conflict = team.conflicts.find((c) => c.wp_id === opts.wpId);
      if (conflict && !opts.force && !CONFLICT_EXITS.has(opts.to))
        throw claimConflictError(mission.slug, conflict);
      const owner = scalarText(wp.data.agent);
      if (!opts.force && opts.agent && owner && owner !== opts.agent) {
        throw new SpecKittyError(
          "AGENT_MISMATCH",
          `${opts.wpId} is assigned to ${owner}, not ${opts.agent}`,
          {
            fix: `run it as --agent ${owner}, or pass --force with a --reason to take it over`,
          },
        );
      }
      const holder = team.holders.get(opts.wpId) ?? null;
      const verdict = from === "in_review" && opts.to !== "blocked" && opts.to !== "canceled";
      if (!opts.force && verdict && notTheReviewer(holder, owner, me, Boolean(opts.agent?.trim()))) {
        const reviewer = describeClaimant(holder as Claimant);
        throw new SpecKittyError(
          "NOT_THE_REVIEWER",
          `${opts.wpId}'s review was taken by ${reviewer}, not ${describeClaimant(me)}: only they give the verdict`,
          {
            fix: `let ${reviewer} finish the review, or take it over: \`spec-kitty agent tasks move-task ${opts.wpId} --to ${opts.to} --mission ${mission.slug} --agent ${actor} --force --reason "<why>"\``,
            details: { wp_id: opts.wpId, reviewer: holder, actor: me },
          },
        );
      }
      let cycle: ReviewCyclePlan | null = null;
      // A forced move back to planned is a takeover or a reset, not a review: it needs a reason only.
      if (opts.to === "planned" && (opts.reviewFeedbackFile || !opts.force)) {
        if (!opts.reviewFeedbackFile) {
          throw new SpecKittyError(
            "FEEDBACK_REQUIRED",
            `moving ${opts.wpId} back to planned needs review feedback`,
            {
              fix: "write the feedback to a file and pass --review-feedback-file <file>",
            },
          );
        }
        cycle = planReviewCycle(
          mission,
          wp,
          opts.reviewFeedbackFile,
          opts.reviewer ?? actor,
          opts.allowExternalFeedback,
        );
      }
      if (opts.to === "done" && !opts.doneOverrideReason) assertWorkMerged(mission, opts.wpId, opts.env);
      const targets = opts.force ? [opts.to] : hops(from, opts.to);
      if (!opts.force && from === "planned" && targets.includes("claimed")) {
        // The loop's dependency gate: starting a WP needs its dependencies approved or done.
        const known = new Set([...wpIdsOnDisk(mission), ...Object.keys(snapshot.work_packages)]);
        const unmet = unmetAmong(dependenciesOf(wp), (id) => (known.has(id) ? laneOf(snapshot, id) : null));
        if (unmet.length > 0) {
          throw new SpecKittyError(
            "DEPENDENCIES_NOT_MET",
            `${opts.wpId} depends on work that is not approved yet: ${describeUnmet(unmet)}`,
            { fix: "finish and approve those first, or pass --force with a --reason to override" },
          );
        }
      }
      const evidence = targets.includes("for_review") ? evidenceFor(mission, wp, opts) : null;
      if (opts.force && evidence && !evidence.ok && !opts.reason?.trim() && !opts.note?.trim()) {
        throw new SpecKittyError(
          "FORCE_NEEDS_REASON",
          `forcing ${opts.wpId} to ${opts.to} skips the hand-off checks: ${evidence.problems.join("; ")}`,
          { fix: 'say why with --reason "<why>"', details: { evidence_problems: evidence.problems } },
        );
      }
      const reviewGate = targets.some(
        (lane) => lane === "for_review" || lane === "approved" || lane === "done",
      );
      if (!opts.force && reviewGate) {
        const open = uncheckedSubtasks(mission.dir, opts.wpId);
        if (open.length > 0) {
          throw new SpecKittyError(
            "SUBTASKS_OPEN",
            `${opts.wpId} has ${open.length} unchecked subtask(s) in tasks.md`,
            {
              fix: "finish them and run `spec-kitty agent tasks mark-status <ids> --status done`, or --force with a --reason",
              details: { unchecked: open },
            },
          );
        }
      }
      let reason =
        opts.reason ??
        opts.note ??
        (opts.force ? `Force move to ${opts.to}` : `move-task: ${from} -> ${opts.to}`);
      if (opts.doneOverrideReason) reason += ` | Done override: ${opts.doneOverrideReason}`;
      // What was approved, where: the lane head this clone has (merge checks it lands on the target).
      const repo = targets.includes("approved")
        ? laneHeadEvidence(mission, opts.wpId, { env: opts.env })
        : null;
      const reviewEvidence = {
        ...(repo ? { repos: [repo] } : {}),
        review: {
          reference:
            opts.approvalRef ??
            opts.note ??
            `auto-approval:${opts.wpId}:${nowSeconds().slice(0, 10).replace(/-/g, "")}`,
          reviewer: opts.reviewer ?? actor,
          verdict: opts.to === "planned" ? "rejected" : "approved",
        },
      };
      const forcedBack =
        opts.force && from === "for_review" && (opts.to === "in_progress" || opts.to === "planned");
      let at = from;
      const inputs: TransitionInput[] = targets.map((to) => {
        const input: TransitionInput = {
          wpId: opts.wpId,
          to,
          actor,
          force: Boolean(opts.force),
          reason,
          reviewRef: cycle?.ref ?? (forcedBack ? "force-override" : null),
          evidence: to === "approved" || to === "done" || needsReview(at, to) ? reviewEvidence : null,
          subtasksComplete: true,
          implementationEvidencePresent: evidence?.ok ?? true,
          evidenceProblems: evidence?.problems,
        };
        // A rejection out of in_review records where its feedback is (spec-kitty 3.2.6 reads it there).
        if (at === "in_review" && cycle) {
          input.reviewResult = {
            reviewer: reviewEvidence.review.reviewer,
            verdict: "changes_requested",
            reference: cycle.ref,
            feedback_path: relative(mission.root, cycle.path),
          };
        }
        at = to;
        return input;
      });
      const tasks = cycle ? reopenedTasks(mission, opts.wpId) : null;
      // Every file this move writes is checked before the first event is appended.
      checkDestinations(mission.root, [
        wp.path,
        ...(cycle ? [cycle.path] : []),
        ...(tasks ? [tasks.path] : []),
      ]);
      const updates: Record<string, unknown> = {};
      if (opts.agent) updates.agent = opts.agent;
      if (opts.assignee) updates.assignee = opts.assignee;
      if (opts.shellPid) updates.shell_pid = opts.shellPid;
      prepared = {
        oldLane: from,
        path: wp.path,
        cycle,
        tasks,
        wpText: editWp(wp, {
          set: updates,
          activity: {
            at: nowSeconds(),
            actor: opts.agent ?? (owner || actor),
            shellPid: opts.shellPid ?? scalarText(wp.data.shell_pid),
            note: opts.note ?? `Moved to ${opts.to}`,
          },
        }),
      };
      return inputs;
    },
    {
      env: opts.env,
      after: (created) => {
        if (!prepared || created.length === 0) return;
        if (prepared.cycle) {
          mkdirSync(dirname(prepared.cycle.path), { recursive: true });
          writeFileAtomic(prepared.cycle.path, prepared.cycle.content);
        }
        writeFileAtomic(prepared.path, prepared.wpText);
        if (prepared.tasks) writeFileAtomic(prepared.tasks.path, prepared.tasks.text);
        if (autoCommit)
          commit = commitMove(mission, opts, prepared.path, prepared.cycle, me, prepared.tasks?.path ?? null);
      },
    },
  );
  const done = prepared as NonNullable<typeof prepared>;
  return {
    oldLane: done.oldLane,
    newLane: opts.to,
    path: done.path,
    events,
    reviewCycle: done.cycle,
    commit,
  };
}
