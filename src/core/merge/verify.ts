/**
 * After landing, before any WP is marked done: proof that what was approved is on the target. An
 * approval records the lane head it reviewed (`evidence.repos`); merge strategy needs each such commit
 * (and each merged lane head) reachable from the target, squash needs it inside the landed mission
 * head and the mission's changes on the target. merge never reports success otherwise.
 */
import { SpecKittyError } from "../errors.ts";
import { branchHead, isAncestor } from "../git/facts.ts";
import { hasCommit } from "../git/remote.ts";
import { git, runGit } from "../git/run.ts";
import type { StatusEvent } from "../status/event.ts";
import type { Env } from "./git-ops.ts";
import type { MergeJournal } from "./journal.ts";

/** The reviewer and the recorded commits of `wpId`'s latest approval, if it recorded a reviewer. */
export function approvalEvidence(
  events: readonly StatusEvent[],
  wpId: string,
): { reviewer: string; repos: unknown[] | null } | null {
  const approval = events.filter((e) => e.wp_id === wpId && e.to_lane === "approved").at(-1);
  const evidence = approval?.evidence as
    | { review?: { reviewer?: unknown }; repos?: unknown }
    | null
    | undefined;
  const reviewer = evidence?.review?.reviewer;
  if (typeof reviewer !== "string" || reviewer === "") return null;
  return { reviewer, repos: Array.isArray(evidence?.repos) ? evidence.repos : null };
}

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
