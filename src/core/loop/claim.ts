/**
 * Taking a WP for implementation or review: the status events (through the one emit pipeline, so the
 * transition table and its guards apply and concurrent claims serialise on the status lock) plus the
 * WP file's `agent` and activity line, written under the same lock.
 */

import { nowSeconds } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkDestinations } from "../fs/safe-path.ts";
import type { CommitOutcome } from "../git/commit.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { claimConflictError, describeClaimant } from "../status/claims.ts";
import { appendTransitions, type TransitionInput } from "../status/emit.ts";
import type { StatusEvent } from "../status/event.ts";
import type { StatusLane } from "../status/lane.ts";
import { snapshotPath } from "../status/materialize.ts";
import { laneOf } from "../status/reducer.ts";
import { eventsPath } from "../status/store.ts";
import { changedKeys, editWp } from "../tasks/wp-file.ts";
import { findWpFile, scalarText } from "../tasks/wp-list.ts";
import { commitMissionFiles } from "./commit.ts";
import { mayContinue } from "./state.ts";

export interface ClaimRequest {
  wpId: string;
  actor: string;
  /** The person behind the actor (git e-mail), recorded on the events; null when git has none. */
  person: string | null;
  /** The command's environment (sync queue, git for the person and the auto-commit). */
  env?: Record<string, string | undefined>;
  /** Status lane → the hops to make from it; a lane missing here means the WP changed under us. */
  path: Partial<Record<StatusLane, StatusLane[]>>;
  executionMode: "worktree" | "direct_repo";
  workspacePath: string;
  /** Frontmatter keys to set (existing keys listed in `keepExisting` are left alone). */
  frontmatter: Record<string, unknown>;
  keepExisting: string[];
  note: string;
  reason?: string;
  /** Stored on each event (orchestrator-api calls record the caller's policy). */
  policyMetadata?: Record<string, unknown> | null;
  /** Stored on each event (orchestrator-api start-review --review-ref). */
  reviewRef?: string | null;
  /**
   * With `agents.auto_commit` on: the message of the commit of exactly what the claim wrote (the WP
   * file and the status files), made under the status lock. Nothing is committed when nothing changed.
   */
  commitMessage?: string;
}

export interface ClaimOutcome {
  events: StatusEvent[];
  /** Set when the claim was committed (or a commit was tried and failed: its warning). */
  commit: CommitOutcome | null;
}

/** Claims a WP (the claim events) and, when asked, commits it; tells what happened to the commit. */
export async function claimAndCommit(mission: MissionRef, req: ClaimRequest): Promise<ClaimOutcome> {
  // Read (and validated) before anything is written.
  const autoCommit = req.commitMessage !== undefined && autoCommitEnabled(mission.root);
  let commit: CommitOutcome | null = null;
  let text: string | null = null;
  let frontmatterChanged = false;
  let wpPath = "";
  const events = await appendTransitions(
    mission,
    (snapshot, team) => {
      const lane = laneOf(snapshot, req.wpId);
      const hops = req.path[lane];
      if (!hops) {
        throw new SpecKittyError("WP_CHANGED", `${req.wpId} is ${lane} now; someone else moved it`, {
          fix: "ask `spec-kitty next` again for up-to-date work",
          details: { wp_id: req.wpId, lane },
        });
      }
      const wp = findWpFile(mission, req.wpId);
      // Checked again under the lock: between our first look and now another agent may have claimed it.
      const conflict = team.conflicts.find((c) => c.wp_id === req.wpId);
      if (conflict) throw claimConflictError(mission.slug, conflict);
      const holder = team.holders.get(req.wpId) ?? null;
      const me = { actor: req.actor, person: req.person };
      const starting = lane === "planned" || lane === "for_review";
      if (!starting && !mayContinue(holder, scalarText(wp.data.agent), me)) {
        const who = holder ? describeClaimant(holder) : "someone else";
        throw new SpecKittyError(
          "WP_HELD",
          `${req.wpId} is ${lane} with ${who}, not ${describeClaimant(me)}`,
          {
            fix: `let ${holder?.actor ?? "them"} finish it, or pick another WP (\`spec-kitty next\`)`,
            details: {
              wp_id: req.wpId,
              lane,
              holder: holder?.actor ?? null,
              holder_person: holder?.person ?? null,
            },
          },
        );
      }
      const updates: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(req.frontmatter)) {
        if (req.keepExisting.includes(key) && scalarText(wp.data[key]) !== "") continue;
        updates[key] = value;
      }
      frontmatterChanged = changedKeys(wp, updates).length > 0;
      text = editWp(wp, {
        set: updates,
        activity: {
          at: nowSeconds(),
          actor: req.actor,
          shellPid: scalarText(wp.data.shell_pid),
          note: req.note,
        },
      });
      wpPath = wp.path;
      checkDestinations(mission.root, [wpPath]); // before the events: a refusal must write nothing
      return hops.map(
        (to): TransitionInput => ({
          wpId: req.wpId,
          to,
          actor: req.actor,
          reason: req.reason ?? null,
          reviewRef: req.reviewRef ?? null,
          policyMetadata: req.policyMetadata ?? null,
          executionMode: req.executionMode,
          workspaceContext: `${req.executionMode}:${req.workspacePath}`,
        }),
      );
    },
    {
      env: req.env,
      after: (created) => {
        // A plain resume (no event, same agent) leaves the WP file alone: no activity line per re-run.
        const changed = created.length > 0 || frontmatterChanged;
        if (text !== null && changed) writeFileAtomic(wpPath, text);
        if (autoCommit && changed)
          commit = commitMissionFiles(
            mission,
            { own: [wpPath], status: [eventsPath(mission), snapshotPath(mission)] },
            req.commitMessage as string,
            req.env,
          );
      },
    },
  );
  return { events, commit };
}
