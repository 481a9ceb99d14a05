/**
 * merge and the remote. Before anything changes: where each lane to merge is (local branch, or only
 * the copy a teammate pushed), refusing a local lane that is behind or diverged from its remote copy,
 * and refusing when the commit an approval recorded is not in what would be merged. After landing:
 * proof that every approved WP's commits reached the target (merge never reports success otherwise).
 * With `--push`: the target, then the merged lane branches deleted on the remote (each only while it
 * still points at what was merged). No network unless asked (`--fetch`, `--push`).
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
  pushRefs,
} from "../git/remote.ts";
import { git, runGit } from "../git/run.ts";
import { laneWorktreePath, requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusEvent } from "../status/event.ts";
import type { Env } from "./git-ops.ts";
import type { JournalLane, MergeJournal } from "./journal.ts";

/** The commit each approval recorded (`evidence.repos`), by WP: the latest approval wins. */
export function approvedCommits(
  events: readonly StatusEvent[],
): Map<string, { branch: string; commit: string }> {
  const out = new Map<string, { branch: string; commit: string }>();
  for (const event of events) {
    if (event.to_lane !== "approved") continue;
    const repos = (event.evidence as { repos?: unknown } | null)?.repos;
    const first = Array.isArray(repos) ? (repos[0] as Record<string, unknown> | undefined) : undefined;
    if (first && typeof first.commit === "string" && typeof first.branch === "string")
      out.set(event.wp_id, { branch: first.branch, commit: first.commit });
    else out.delete(event.wp_id); // a later approval that recorded nothing: nothing to check
  }
  return out;
}

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

/** `git log` of the commit on `target` that landed `missionHead` (by its trailer), if any. */
function landingCommit(root: string, target: string, missionHead: string, env: Env): string | null {
  const found = git(
    root,
    ["log", "-1", "--format=%H", "-F", `--grep=Spec-Kitty-Mission-Head: ${missionHead}`, target],
    {
      env,
    },
  );
  return found || null;
}

const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

/**
 * After landing: every merged lane's head and every approved WP's recorded commit is reachable from
 * the target (merge strategy), or contained in the landed mission head whose changes are all on the
 * target (squash). Throws MERGE_NOT_VERIFIED naming what is missing; returns what was checked.
 */
export function verifyLanded(
  root: string,
  journal: MergeJournal,
  events: readonly StatusEvent[],
  env: Env,
): string {
  const target = journal.target_branch;
  const targetHead = branchHead(root, target, { env }) as string;
  const mission = journal.mission_head ?? branchHead(root, journal.mission_branch, { env });
  const commits = approvedCommits(events);
  const missing: string[] = [];
  let checked = 0;
  const landedIn = (commit: string): boolean => {
    checked++;
    if (!hasCommit(root, commit, { env })) return false;
    if (isAncestor(root, commit, targetHead, { env })) return true;
    return journal.strategy === "squash" && mission !== null && isAncestor(root, commit, mission, { env });
  };
  for (const lane of journal.lanes) {
    if (lane.action === "merge" && lane.head && !landedIn(lane.head))
      missing.push(`${lane.lane_id} at ${lane.head.slice(0, 12)}`);
    if (lane.action !== "merge" && lane.action !== "planning") continue;
    for (const wp of lane.wp_ids) {
      const approved = commits.get(wp);
      if (approved && journal.done_wps.includes(wp) && !landedIn(approved.commit))
        missing.push(`${wp} (approved at ${approved.commit.slice(0, 12)})`);
    }
  }
  if (journal.strategy === "squash" && mission !== null && !isAncestor(root, mission, targetHead, { env })) {
    // A squash copies the mission's changes: each file the mission changed, and the target did not
    // change meanwhile, must read the same on the target as in the mission head.
    const landing = landingCommit(root, target, mission, env) ?? targetHead;
    const before =
      runGit(root, ["rev-parse", "--verify", "--quiet", `${landing}^`], { env }).stdout.trim() || landing;
    const base = git(root, ["merge-base", before, mission], { env });
    const ours = new Set(lines(git(root, ["diff", "--name-only", base, before], { env })));
    const theirs = lines(git(root, ["diff", "--name-only", base, mission], { env })).filter(
      (p) => !ours.has(p),
    );
    if (theirs.length > 0) {
      const differ = lines(git(root, ["diff", "--name-only", mission, landing, "--", ...theirs], { env }));
      if (differ.length > 0) missing.push(`the mission's changes to ${differ.slice(0, 5).join(", ")}`);
    }
    checked += theirs.length;
  }
  if (missing.length > 0) {
    throw new SpecKittyError(
      "MERGE_NOT_VERIFIED",
      `${target} does not contain ${missing.join(", ")}: the merge is not complete, and no WP was marked done`,
      {
        fix: `find out where that work went (\`git log --oneline ${target}\`), land it on ${target}, then run the same merge command again`,
        details: { missing },
      },
    );
  }
  return `verified: ${checked} commit(s) and file(s) of approved work are on ${target}`;
}

/**
 * Deletes the merged lanes' branches (and the mission branch) on the remote, one push for all, each
 * with a lease on the commit this clone last saw there and only when that commit was merged: a
 * branch a teammate moved on since is kept, with a warning.
 */
export function deleteRemoteBranches(
  root: string,
  journal: MergeJournal,
  env: Env,
  warnings: string[],
): string {
  const remote = journal.remote;
  if (!remote) return "no remote";
  const lanes = journal.lanes.filter((l) => l.action === "merge");
  const keepMission = journal.lanes.some((l) => l.action === "skip");
  const candidates = [
    ...lanes.map((l) => ({ branch: l.branch as string, merged: l.head ?? null })),
    ...(keepMission ? [] : [{ branch: journal.mission_branch, merged: journal.mission_head ?? null }]),
  ];
  const syncs = branchSyncs(
    root,
    candidates.map((c) => c.branch),
    remote,
    { env },
  );
  const args: string[] = [];
  const deleting: string[] = [];
  for (const { branch, merged } of candidates) {
    const sync = syncs.get(branch);
    if (!sync?.remoteSha || sync.remoteRef !== `${remote}/${branch}`) continue;
    if (merged === null || !isAncestor(root, sync.remoteSha, merged, { env })) {
      warnings.push(`kept ${sync.remoteRef}: it has commits this merge did not land`);
      continue;
    }
    args.push(`--force-with-lease=refs/heads/${branch}:${sync.remoteSha}`, `:refs/heads/${branch}`);
    deleting.push(branch);
  }
  if (deleting.length === 0) return "no merged branch on the remote";
  const result = pushRefs(root, remote, args, { env });
  const deleted = deleting.filter((b) =>
    new RegExp(`^-\\t:refs/heads/${b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\t`, "m").test(result.stdout),
  );
  for (const branch of deleting.filter((b) => !deleted.includes(b)))
    warnings.push(
      `could not delete ${branch} on ${remote} (it moved, or the push failed): \`git push ${remote} --delete ${branch}\``,
    );
  return deleted.length ? `deleted on ${remote}: ${deleted.join(", ")}` : `nothing deleted on ${remote}`;
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
