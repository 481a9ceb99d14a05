import { checkActorName } from "../actor.ts";
import { newEventId, nowIso } from "../clock.ts";
import { checkDestinations } from "../fs/safe-path.ts";
import { gitPerson } from "../git/identity.ts";
import { ensureLocalSetup } from "../git/local-setup.ts";
import type { Env } from "../home.ts";
import { withStatusLock } from "../project.ts";
import { wpIdsOnDisk, wpNotFound } from "../tasks/wp-list.ts";
import type { ReviewResult, StatusEvent } from "./event.ts";
import type { StatusLane } from "./lane.ts";
import { loadStatus } from "./log-reader.ts";
import { materializeFrom, snapshotPath } from "./materialize.ts";
import { laneOf, reduceLog, type StatusSnapshot, type TeamFacts } from "./reducer.ts";
import { appendEventLines, eventsPath, readLog, type StatusMission } from "./store.ts";
import { notifySync } from "./sync-hook.ts";
import { assertTransition } from "./transitions.ts";

/** One requested transition; `from` is never given, it is always the WP's lane after replay. */
export interface TransitionInput {
  wpId: string;
  to: StatusLane;
  actor: string;
  force?: boolean;
  reason?: string | null;
  reviewRef?: string | null;
  evidence?: Record<string, unknown> | null;
  executionMode?: string;
  policyMetadata?: Record<string, unknown> | null;
  workspaceContext?: string | null;
  subtasksComplete?: boolean;
  implementationEvidencePresent?: boolean;
  /** Why the evidence is missing, named in the refusal. */
  evidenceProblems?: readonly string[];
  /**
   * The verdict to record on a move out of in_review. Omitted: derived from `evidence.review`
   * (`rejected` is recorded as `changes_requested`, spec-kitty 3.2's vocabulary).
   */
  reviewResult?: ReviewResult | null;
}

/** Lanes a WP can be parked in from anywhere; leaving in_review for one of them is not a verdict. */
const SIDE_LANES: ReadonlySet<StatusLane> = new Set<StatusLane>(["blocked", "canceled"]);

/** The review result an exit from in_review records, from the evidence the guard already checked. */
function reviewResultOf(input: TransitionInput, from: StatusLane): ReviewResult | null {
  if (input.reviewResult !== undefined) return input.reviewResult;
  if (from !== "in_review" || SIDE_LANES.has(input.to)) return null;
  const review = (input.evidence as { review?: Record<string, unknown> } | null | undefined)?.review;
  if (!review || typeof review.reviewer !== "string" || typeof review.reference !== "string") return null;
  const verdict = typeof review.verdict === "string" ? review.verdict : "";
  return {
    reviewer: review.reviewer,
    verdict: verdict === "rejected" ? "changes_requested" : verdict,
    reference: review.reference,
  };
}

export interface AppendOptions {
  /** Runs under the same lock after the append: for files that must change with the log (WP file). */
  after?: (created: StatusEvent[]) => void;
  /**
   * The caller's environment: finds a sync session, and the person (git e-mail) recorded on every new
   * event in `policy_metadata.person`. Without it nothing is queued and no person is recorded.
   */
  env?: Env;
}

/** Decides the transitions to make, given the log as it is once the lock is held. */
export type TransitionPlan = (snapshot: StatusSnapshot, team: TeamFacts) => TransitionInput[];

/** `policy_metadata` with the person added (a person the input sets itself, even null, is kept). */
function withPerson(
  meta: Record<string, unknown> | null | undefined,
  person: string | null,
): Record<string, unknown> | null {
  if (person === null || (meta && Object.hasOwn(meta, "person"))) return meta ?? null;
  return { ...(meta ?? {}), person };
}

/**
 * The one write path of the status model: under the repository-wide status lock, replay the log, let
 * `plan` decide, check every hop against the transition table, append all resulting events in one
 * write, and re-materialise status.json. If any hop is refused nothing is written.
 */
export async function appendTransitions(
  mission: StatusMission,
  plan: TransitionPlan,
  /** Options, or just the `after` callback (the original form, still used by callers). */
  options: AppendOptions | AppendOptions["after"] = {},
): Promise<StatusEvent[]> {
  const { after, env } = typeof options === "function" ? { after: options, env: undefined } : (options ?? {});
  // Before the first status write of a clone: its merge drivers and local excludes (idempotent).
  ensureLocalSetup(mission.root, { env, once: true });
  const person = env ? gitPerson(mission.root, { env }) : null;
  const written = await withStatusLock(mission.root, () => {
    const { snapshot, team, folder } = loadStatus(mission);
    const inputs = plan(snapshot, team);
    const lanes = new Map<string, StatusLane>();
    const created: StatusEvent[] = [];
    for (const input of inputs) {
      const from = lanes.get(input.wpId) ?? laneOf(snapshot, input.wpId);
      const executionMode = input.executionMode ?? "worktree";
      assertTransition(input.wpId, {
        from,
        to: input.to,
        force: input.force,
        actor: input.actor,
        reason: input.reason,
        reviewRef: input.reviewRef,
        evidence: input.evidence,
        workspaceContext: input.workspaceContext ?? `${executionMode}:${mission.root}`,
        subtasksComplete: input.subtasksComplete,
        implementationEvidencePresent: input.implementationEvidencePresent,
        evidenceProblems: input.evidenceProblems,
      });
      created.push({
        actor: input.actor,
        at: nowIso(),
        event_id: newEventId(),
        evidence: input.evidence ?? null,
        execution_mode: executionMode,
        force: input.force ?? false,
        from_lane: from,
        mission_id: mission.missionId,
        mission_slug: mission.slug,
        policy_metadata: withPerson(input.policyMetadata, person),
        reason: input.reason ?? null,
        review_ref: input.reviewRef ?? null,
        review_result: reviewResultOf(input, from),
        to_lane: input.to,
        wp_id: input.wpId,
      });
      lanes.set(input.wpId, input.to);
    }
    checkDestinations(mission.root, [eventsPath(mission), snapshotPath(mission)]); // both, before either
    appendEventLines(mission, created);
    // status.json is rewritten from the log whenever it changed (or was missing). New events are
    // folded onto the streamed state; if they would sort before an existing one (a clock that went
    // backwards), the whole log is re-reduced instead.
    const inOrder = folder !== null && created.every((event) => folder.add(event));
    materializeFrom(mission, inOrder ? folder.snapshot() : reduceLog(readLog(mission)));
    after?.(created);
    return created;
  });
  await notifySync(mission, written, env);
  return written;
}

/**
 * A single transition (the `agent status emit` primitive), for a WP that has a file or events. The
 * actor (`--actor` as given) gets the safety check of every actor; the raw primitive skips the
 * agent-tool rule, as it skips the loop's other rules.
 */
export async function emitTransition(
  mission: StatusMission,
  request: TransitionInput,
  env?: Env,
): Promise<StatusEvent> {
  const input = { ...request, actor: checkActorName(request.actor, "--actor") };
  const [event] = await appendTransitions(
    mission,
    (snapshot) => {
      if (snapshot.work_packages[input.wpId] === undefined) {
        const onDisk = wpIdsOnDisk(mission);
        if (!onDisk.includes(input.wpId))
          throw wpNotFound(
            mission,
            input.wpId,
            onDisk.map((id) => ({ id })),
          );
      }
      return [input];
    },
    { env },
  );
  return event as StatusEvent;
}
