/**
 * Lane branches across clones. A lane worktree starts from the local lane branch, else from the copy
 * a teammate pushed (`<remote>/kitty/…`, as a tracking branch), and only when neither exists from the
 * mission's base; a local branch behind its remote copy is fast-forwarded inside its worktree once it
 * has one (`git merge --ff-only`, so nothing can be lost, and never under another worktree's feet),
 * and anything else (diverged, or a lane the log says has work no branch here holds) stops the
 * command with what to do. Only what the last fetch recorded is read: no network here.
 */
import { SpecKittyError } from "../errors.ts";
import { type BranchSync, branchSync, defaultRemote, describeSync } from "../git/remote.ts";
import { type GitOptions, runGit } from "../git/run.ts";
import type { WpLane } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";

/** How a new lane worktree gets its branch. */
export type LaneStart =
  | { kind: "local"; sync: BranchSync }
  | { kind: "remote"; sync: BranchSync; remoteRef: string }
  | { kind: "fresh"; sync: BranchSync };

/** Lanes in which a WP's work is committed somewhere (and not merged yet). */
const COMMITTED: ReadonlySet<StatusLane> = new Set<StatusLane>(["for_review", "in_review", "approved"]);

export function laneSync(root: string, lane: WpLane, targetBranch: string, options: GitOptions): BranchSync {
  return branchSync(root, lane.branch, defaultRemote(root, targetBranch, options), options);
}

function divergedError(lane: WpLane, sync: BranchSync, where: string): SpecKittyError {
  return new SpecKittyError(
    "LANE_DIVERGED",
    `${lane.laneId}: the local ${lane.branch} has ${describeSync(sync)}; both copies hold commits the other lacks`,
    {
      fix: `bring them together in ${where}: \`git -C ${where} pull --rebase ${sync.remote} ${lane.branch}\` (or merge), then run the command again`,
      details: { lane_id: lane.laneId, branch: lane.branch, sync },
    },
  );
}

/**
 * Decides where a NEW lane worktree's branch comes from (a stale local branch too: `catchUpWorktree`
 * fast-forwards it once the worktree exists). Refuses to cut a fresh branch for a lane whose WPs the log says were handed over already: their
 * commits exist in another clone, and a fresh branch would hide them (an empty review, a hand-off
 * without the previous WP's code).
 */
export function planLaneStart(
  mission: MissionRef,
  lane: WpLane,
  targetBranch: string,
  options: GitOptions,
): LaneStart {
  const sync = laneSync(mission.root, lane, targetBranch, options);
  switch (sync.state) {
    case "diverged":
      throw divergedError(lane, sync, mission.root);
    case "remote_only":
      return { kind: "remote", sync, remoteRef: sync.remoteRef as string };
    case "missing": {
      // Without a remote nothing can be elsewhere: a new branch off the base, as in a one-clone project.
      if (sync.remote === null) return { kind: "fresh", sync };
      const snapshot = loadSnapshot(mission);
      const handed = lane.laneWpIds.filter((wp) => COMMITTED.has(laneOf(snapshot, wp)));
      if (handed.length > 0) {
        const remote = sync.remote;
        throw new SpecKittyError(
          "LANE_BRANCH_ELSEWHERE",
          `${lane.laneId}: ${handed.join(", ")} ${handed.length === 1 ? "was" : "were"} handed over, but ${lane.branch} is neither here nor in what this clone fetched from ${remote}`,
          {
            fix: `run \`git fetch ${remote}\` (the implementer pushes it with \`git push -u ${remote} ${lane.branch}\`), then the command again`,
            details: { lane_id: lane.laneId, branch: lane.branch, wps: handed },
          },
        );
      }
      return { kind: "fresh", sync };
    }
    default:
      return { kind: "local", sync };
  }
}

/**
 * An existing lane worktree whose branch is behind its remote copy is fast-forwarded in place
 * (`git merge --ff-only`, which refuses when local edits are in the way); a diverged one stops.
 * Returns the sync state found.
 */
export function catchUpWorktree(
  root: string,
  lane: WpLane,
  targetBranch: string,
  options: GitOptions,
): BranchSync {
  const sync = laneSync(root, lane, targetBranch, options);
  if (sync.state === "diverged") throw divergedError(lane, sync, lane.workspacePath);
  if (sync.state !== "behind") return sync;
  const r = runGit(lane.workspacePath, ["merge", "--ff-only", "--quiet", sync.remoteRef as string], options);
  if (r.code !== 0) {
    throw new SpecKittyError(
      "LANE_BEHIND_REMOTE",
      `${lane.laneId}: ${lane.branch} is ${describeSync(sync)} and could not be fast-forwarded: ${r.stderr.trim().split("\n")[0]}`,
      {
        fix: `commit or stash your changes in ${lane.workspacePath}, run \`git -C ${lane.workspacePath} merge --ff-only ${sync.remoteRef}\`, then the command again`,
        details: { lane_id: lane.laneId, sync },
      },
    );
  }
  return sync;
}
