/**
 * merge and the remote, before anything changes: where each lane to merge is (local branch, or only
 * the copy a teammate pushed), refusing a local lane that is behind or diverged from its remote copy,
 * a target `--push` could not push, and an approval whose recorded commit is not in what would be
 * merged. The verification after landing is verify.ts; the remote's lane branches, remote-branches.ts.
 * No network unless asked (`--fetch`).
 */
import { existsSync } from "node:fs";
import { SpecKittyError } from "../errors.ts";
import { branchHead, isAncestor } from "../git/facts.ts";
import {
  type BranchSync,
  branchSyncs,
  defaultRemote,
  describeSync,
  fetchRemote,
  hasCommit,
} from "../git/remote.ts";
import { runGit } from "../git/run.ts";
import { laneWorktreePath, requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusEvent } from "../status/event.ts";
import type { Env } from "./git-ops.ts";
import type { JournalLane } from "./journal.ts";
import { approvedCommits } from "./verify.ts";

export interface RemoteCheck {
  /** Per merged lane branch: where it is, here and on the remote. */
  syncs: Map<string, BranchSync>;
  remote: string | null;
  /** Why the merge must not start (each lane's state is in `syncs`); null when it may. */
  refusal: SpecKittyError | null;
}

function laneFix(root: string, slug: string, lane: JournalLane, sync: BranchSync): string {
  const worktree = laneWorktreePath(root, slug, lane.lane_id);
  const wt = existsSync(worktree) ? worktree : null;
  if (sync.state === "behind") {
    return wt
      ? `bring the lane up to date: \`git -C ${wt} merge --ff-only ${sync.remoteRef}\`, then merge again`
      : `bring the lane up to date: \`git branch -f ${lane.branch} ${sync.remoteRef}\`, then merge again`;
  }
  return wt
    ? `combine both copies: \`git -C ${wt} pull --no-rebase ${sync.remote} ${lane.branch}\` (resolve, commit, push), then merge again`
    : `combine both copies in a worktree of ${lane.branch} (\`git pull --no-rebase ${sync.remote} ${lane.branch}\`), then merge again`;
}

/**
 * Fills in each merged lane's `head`/`source`/`remote_ref` and decides whether the merge may start.
 * Only what the last fetch recorded is compared: run with `--fetch` to compare with the remote now.
 */
export function checkLanesAgainstRemote(
  root: string,
  slug: string,
  target: string,
  lanes: JournalLane[],
  events: readonly StatusEvent[],
  env: Env,
): RemoteCheck {
  const remote = defaultRemote(root, target, { env });
  const merging = lanes.filter((l) => l.action === "merge");
  const syncs = branchSyncs(
    root,
    merging.map((l) => l.branch as string),
    remote,
    { env },
  );
  const problems: { lane: JournalLane; sync: BranchSync }[] = [];
  for (const lane of merging) {
    const sync = syncs.get(lane.branch as string) as BranchSync;
    lane.remote_ref = sync.remoteRef;
    if (sync.state === "missing") {
      throw new SpecKittyError(
        "LANE_BRANCH_MISSING",
        `${lane.lane_id}: branch ${lane.branch} is neither here nor in what this clone fetched${remote ? ` from ${remote}` : ""}`,
        {
          fix: remote
            ? `fetch it (\`spec-kitty merge --mission ${slug} --fetch\`, or \`git fetch ${remote}\`); whoever implemented ${lane.wp_ids.join(", ")} pushes it with \`git push -u ${remote} ${lane.branch}\``
            : `its WPs (${lane.wp_ids.join(", ")}) are approved but their work is on no branch here: add the remote that has it (\`git remote add origin <url>\`) and fetch`,
          details: { lane_id: lane.lane_id, branch: lane.branch },
        },
      );
    }
    lane.source = sync.state === "remote_only" ? "remote" : "local";
    lane.head = sync.state === "remote_only" ? sync.remoteSha : sync.local;
    if (sync.state === "behind" || sync.state === "diverged") problems.push({ lane, sync });
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.lane.lane_id} (${p.lane.branch}) is ${describeSync(p.sync)}`);
    const first = problems[0] as { lane: JournalLane; sync: BranchSync };
    return {
      syncs,
      remote,
      refusal: new SpecKittyError(
        problems.some((p) => p.sync.state === "diverged") ? "LANE_DIVERGED" : "LANE_BEHIND_REMOTE",
        `${list.join("; ")}: merging this clone's copy would leave a teammate's commits out; nothing was merged`,
        {
          fix: laneFix(root, slug, first.lane, first.sync),
          details: { lanes: problems.map((p) => ({ lane_id: p.lane.lane_id, ...p.sync })) },
        },
      ),
    };
  }
  return { syncs, remote, refusal: approvalRefusal(root, target, lanes, events, env) };
}

/**
 * Every approved WP whose approval recorded a commit: that commit must be in what is merged (its
 * lane's head; the target for planning WPs), or the merge would land something other than what was
 * approved.
 */
function approvalRefusal(
  root: string,
  target: string,
  lanes: JournalLane[],
  events: readonly StatusEvent[],
  env: Env,
): SpecKittyError | null {
  const commits = approvedCommits(events);
  const targetHead = branchHead(root, target, { env });
  const missing: string[] = [];
  for (const lane of lanes) {
    if (lane.action !== "merge" && lane.action !== "planning") continue;
    const tip = lane.action === "planning" ? targetHead : (lane.head ?? null);
    for (const wp of lane.wp_ids) {
      const approved = commits.get(wp);
      if (!approved || tip === null) continue;
      const here = hasCommit(root, approved.commit, { env });
      if (here && isAncestor(root, approved.commit, tip, { env })) continue;
      const where = lane.action === "planning" ? target : (lane.branch as string);
      missing.push(
        `${wp} was approved at ${approved.commit.slice(0, 12)}, which ${here ? `${where} here does not contain` : "this clone does not have"}`,
      );
    }
  }
  if (missing.length === 0) return null;
  return new SpecKittyError(
    "APPROVED_WORK_MISSING",
    `${missing.join("; ")}: the approved work is elsewhere (a teammate's push not fetched yet); nothing was merged`,
    {
      fix: "fetch and bring the branches up to date (`spec-kitty merge --fetch …`, then pull the target), and merge again",
      details: { missing },
    },
  );
}

/** The commit a lane step merges: the local branch, else the remote copy; never older than planned. */
export function laneTip(root: string, lane: JournalLane, env: Env): string {
  const branch = lane.branch as string;
  const local = branchHead(root, branch, { env });
  const remote = lane.remote_ref
    ? runGit(root, ["rev-parse", "--verify", "--quiet", `refs/remotes/${lane.remote_ref}^{commit}`], { env })
    : null;
  const tip = local ?? (remote && remote.code === 0 ? remote.stdout.trim() : null);
  if (tip === null) {
    throw new SpecKittyError(
      "BRANCH_VANISHED",
      `branch ${branch} no longer exists here or as ${lane.remote_ref}`,
      {
        fix: "restore it (see `git reflog`, or fetch it again), then run the same merge command again",
      },
    );
  }
  if (lane.head && !isAncestor(root, lane.head, tip, { env })) {
    throw new SpecKittyError(
      "LANE_REWRITTEN",
      `${lane.lane_id}: ${branch} no longer contains ${lane.head.slice(0, 12)}, the commit this merge planned to land`,
      {
        fix: `restore ${branch} (\`git branch -f ${branch} ${lane.head}\`), then run the same merge command again`,
      },
    );
  }
  return tip;
}

/**
 * `--push` lands the target on the remote: a target behind (or diverged from) the remote's copy would
 * be rejected after the merge, so it refuses first. As of the last fetch (`--fetch` makes it current).
 */
export function checkTargetForPush(
  root: string,
  target: string,
  remote: string,
  env: Env,
): SpecKittyError | null {
  const sync = branchSyncs(root, [target], remote, { env }).get(target) as BranchSync;
  if (sync.state !== "behind" && sync.state !== "diverged") return null;
  return new SpecKittyError(
    "TARGET_BEHIND_REMOTE",
    `${target} is ${describeSync(sync)}: the push would be rejected after merging; nothing was merged`,
    {
      fix: `pull it first (\`git pull --no-rebase ${remote} ${target}\` in the checkout of ${target}), then merge again`,
      details: { target, ...sync },
    },
  );
}

/** `merge --fetch`: one `git fetch` of the target's remote before anything is planned. */
export function fetchForMerge(mission: MissionRef, env: Env): string {
  const target = requireLanes(mission).targetBranch;
  const remote = defaultRemote(mission.root, target, { env });
  if (!remote) {
    throw new SpecKittyError("NO_REMOTE", "--fetch: this repository has no remote to fetch from", {
      fix: "add one (`git remote add origin <url>`), or merge without --fetch",
    });
  }
  fetchRemote(mission.root, remote, { env });
  return remote;
}
