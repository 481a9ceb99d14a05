/**
 * What each journal step does. Every step first checks whether its effect is already there (git
 * ancestry, a marker in the target's history, the event log), so re-running a step that a killed
 * process had started is always safe.
 */
import { existsSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { branchHead, checkoutOf, isAncestor } from "../git/facts.ts";
import { ensureLocalSetup } from "../git/local-setup.ts";
import { git, runGit } from "../git/run.ts";
import { laneWorktreePath } from "../lanes/lookup.ts";
import { commitMissionFiles, statusCheckout } from "../loop/commit.ts";
import { missionBookkeepingDirt } from "../mission/bookkeeping.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { appendTransitions } from "../status/emit.ts";
import { laneOf } from "../status/reducer.ts";
import { readEvents, statusDirOf } from "../status/store.ts";
import { findWpFile, scalarText } from "../tasks/wp-list.ts";
import { advanceBranch, COMMIT_FLAGS, type Env, inScratch, mergeOrExplain } from "./git-ops.ts";
import { type JournalLane, type MergeJournal, writeJournal } from "./journal.ts";
import { laneTip } from "./remote.ts";
import { approvalEvidence } from "./verify.ts";

export interface StepContext {
  mission: MissionRef;
  journal: MergeJournal;
  /** The environment for the run's git commands (spec-kitty's own directory first on PATH). */
  env: Env;
  warnings: string[];
}

const rerun = (ctx: StepContext) => `then run \`spec-kitty merge --mission ${ctx.mission.slug}\` again`;

function head(ctx: StepContext, branch: string): string {
  const sha = branchHead(ctx.mission.root, branch, { env: ctx.env });
  if (sha === null) {
    throw new SpecKittyError("BRANCH_VANISHED", `branch ${branch} no longer exists`, {
      fix: `restore it (see \`git reflog\`), ${rerun(ctx)}`,
    });
  }
  return sha;
}

/**
 * This clone's merge drivers (git config, `info/attributes`) and local excludes, before the first git
 * merge of the run. Nothing is committed: the rules travel in `kitty-specs/.gitattributes`, written
 * with the mission files (see core/git/drivers.ts).
 */
export function configureDriver(ctx: StepContext): string {
  const setup = ensureLocalSetup(ctx.mission.root, { env: ctx.env });
  return setup.drivers.length
    ? `drivers configured in this clone: ${setup.drivers.join(", ")}`
    : "drivers configured";
}

/** Lane branch → mission branch, `--no-ff`, created from the target when the mission branch is missing. */
export function mergeLane(ctx: StepContext, laneId: string): string {
  const { root, slug } = ctx.mission;
  const { env, journal } = ctx;
  const lane = journal.lanes.find((l) => l.lane_id === laneId);
  const branch = lane?.branch as string;
  if (branchHead(root, journal.mission_branch, { env }) === null)
    git(root, ["branch", journal.mission_branch, head(ctx, journal.target_branch)], { env });
  const missionHead = head(ctx, journal.mission_branch);
  // The local lane branch, or the copy a teammate pushed (a lane that exists only on the remote).
  const laneHead = laneTip(root, lane as JournalLane, env);
  if (isAncestor(root, laneHead, missionHead, { env }))
    return `${branch} already in ${journal.mission_branch}`;
  const worktree = relative(root, laneWorktreePath(root, slug, laneId));
  const merged = inScratch(root, slug, missionHead, env, (dir) => {
    mergeOrExplain(
      dir,
      ["--no-ff", "--no-edit", "-m", `Merge ${branch} into ${journal.mission_branch}`, laneHead],
      `merging ${laneId} (${branch}) into ${journal.mission_branch}`,
      `in ${worktree} run \`git merge ${journal.mission_branch}\`, resolve and commit, ${rerun(ctx)}`,
      env,
    );
    return git(dir, ["rev-parse", "HEAD"], { env });
  });
  advanceBranch(root, journal.mission_branch, merged, missionHead, env);
  return `${branch} merged into ${journal.mission_branch}`;
}

const marker = (missionHead: string) => `Spec-Kitty-Mission-Head: ${missionHead}`;

/** Mission branch → target (`--no-ff`, or `--squash` + one commit), recognised later by a trailer. */
export function landOnTarget(ctx: StepContext): string {
  const { root, slug } = ctx.mission;
  const { env, journal } = ctx;
  const target = journal.target_branch;
  const targetHead = head(ctx, target);
  const current = head(ctx, journal.mission_branch);
  // The head recorded by an earlier, interrupted attempt may have landed even if the branch moved since.
  for (const candidate of new Set([journal.mission_head ?? current, current])) {
    if (isAncestor(root, candidate, targetHead, { env }))
      return `${journal.mission_branch} already in ${target}`;
    const found = git(root, ["log", "--format=%H", "-F", `--grep=${marker(candidate)}`, targetHead], { env });
    if (found !== "") return `${journal.mission_branch} already landed on ${target}`;
  }
  const missionHead = current;
  journal.mission_head = missionHead;
  writeJournal(root, journal);
  const message = `Merge mission ${slug} into ${target}\n\nSpec-Kitty-Mission: ${slug}\n${marker(missionHead)}`;
  const fix = `bring ${target} and ${journal.mission_branch} together by hand (merge ${target} into ${journal.mission_branch}), ${rerun(ctx)}`;
  const landed = inScratch(root, slug, targetHead, env, (dir) => {
    const what = `merging ${journal.mission_branch} into ${target}`;
    // Prepared without committing, then committed here: `--no-verify` (see the command's help).
    mergeOrExplain(
      dir,
      journal.strategy === "merge" ? ["--no-ff", "--no-commit", missionHead] : ["--squash", missionHead],
      what,
      fix,
      env,
    );
    if (journal.strategy === "squash" && runGit(dir, ["diff", "--cached", "--quiet"], { env }).code === 0)
      return null;
    git(dir, [...COMMIT_FLAGS, "commit", "--quiet", "--no-verify", "-m", message], { env });
    return git(dir, ["rev-parse", "HEAD"], { env });
  });
  if (landed === null) return `nothing new to land on ${target}`;
  advanceBranch(root, target, landed, targetHead, env);
  return `${journal.mission_branch} landed on ${target} (${journal.strategy})`;
}

/** approved → done for one WP, once: a WP already done gets no second event. */
export async function recordDone(ctx: StepContext, wpId: string): Promise<string> {
  const { mission, journal } = ctx;
  const planning = journal.lanes.some((l) => l.action === "planning" && l.wp_ids.includes(wpId));
  // The done event carries the approval's own evidence: who reviewed, and the commit approved.
  const approval = approvalEvidence(readEvents(mission), wpId);
  const reviewer = approval?.reviewer || scalarText(findWpFile(mission, wpId).data.agent) || "merge";
  const written = await appendTransitions(
    mission,
    (snapshot) =>
      laneOf(snapshot, wpId) === "done"
        ? []
        : [
            {
              wpId,
              to: "done",
              actor: "merge",
              reason: `Merged ${wpId} into ${journal.target_branch}`,
              executionMode: planning ? "direct_repo" : "worktree",
              evidence: {
                ...(approval?.repos ? { repos: approval.repos } : {}),
                review: { reference: `lane-approved:${wpId}`, reviewer, verdict: "approved" },
              },
            },
          ],
    { env: ctx.env },
  );
  return written.length ? `${wpId} done` : `${wpId} was already done`;
}

/**
 * Commits the mission's bookkeeping when the main checkout is on the target; a 3.2 coordination
 * mission's status files are committed where they live (its coordination worktree), as every loop
 * command commits them.
 */
export function commitStatus(ctx: StepContext): string {
  const { mission, env, journal } = ctx;
  const root = mission.root;
  if (checkoutOf(root, journal.target_branch, { env }) !== root) return "main checkout is not on the target";
  // Every bookkeeping file of the mission (status, acceptance record, `next` journal, WP files…):
  // after a merge nothing spec-kitty wrote for it is left uncommitted, whatever auto_commit says.
  const own = missionBookkeepingDirt(mission, env).map((path) => join(root, path));
  const checkout = statusCheckout(mission);
  const status =
    checkout === root
      ? []
      : missionBookkeepingDirt({ root: checkout, dir: statusDirOf(mission) }, env).map((path) =>
          join(checkout, path),
        );
  const paths = [...status, ...own];
  if (paths.length === 0) return "status files already committed";
  const commit = commitMissionFiles(
    mission,
    { own, status },
    `chore(${mission.slug}): record done transitions for merged WPs`,
    env,
  );
  if (!commit.committed) {
    throw new SpecKittyError("STATUS_COMMIT_FAILED", `could not commit the status files: ${commit.warning}`, {
      fix: `commit ${paths.map((path) => relative(root, path)).join(" and ")} yourself, ${rerun(ctx)}`,
    });
  }
  return `status files committed (${commit.hash?.slice(0, 12)})`;
}

export function pushTarget(ctx: StepContext): string {
  const { journal, env } = ctx;
  const remote = journal.remote ?? "origin";
  const ref = `refs/heads/${journal.target_branch}`;
  const result = runGit(ctx.mission.root, ["push", "--quiet", remote, `${ref}:${ref}`], { env });
  if (result.code !== 0) {
    throw new SpecKittyError(
      "PUSH_FAILED",
      `git push ${remote} ${journal.target_branch} failed: ${result.stderr.trim()}`,
      {
        fix: `fix access to ${remote} (or pull and merge first), ${rerun(ctx)}`,
      },
    );
  }
  return `pushed ${journal.target_branch} to ${remote}`;
}

/** Removes merged lanes' worktrees, workspace files and branches, and the mission branch when done. */
export function cleanup(ctx: StepContext): string {
  const { mission, env, journal } = ctx;
  const root = mission.root;
  const removed: string[] = [];
  const merged = journal.lanes.filter((l) => l.action === "merge");
  for (const lane of merged) {
    const worktree = laneWorktreePath(root, journal.mission_slug, lane.lane_id);
    if (existsSync(worktree)) {
      const result = runGit(root, ["worktree", "remove", worktree], { env });
      if (result.code === 0) removed.push(relative(root, worktree));
      else ctx.warnings.push(`could not remove ${worktree}: ${result.stderr.trim()}`);
    }
    rmSync(join(root, ".kittify", "workspaces", `${journal.mission_slug}-${lane.lane_id}.json`), {
      force: true,
    });
    const branch = lane.branch as string;
    if (branchHead(root, branch, { env }) !== null) {
      const result = runGit(root, ["branch", "-D", branch], { env });
      if (result.code === 0) removed.push(branch);
      else ctx.warnings.push(`could not delete ${branch}: ${result.stderr.trim()}`);
    }
  }
  runGit(root, ["worktree", "prune"], { env });
  const keepMission = journal.lanes.some((l) => l.action === "skip");
  if (!keepMission && branchHead(root, journal.mission_branch, { env }) !== null) {
    const result = runGit(root, ["branch", "-D", journal.mission_branch], { env });
    if (result.code === 0) removed.push(journal.mission_branch);
    else ctx.warnings.push(`could not delete ${journal.mission_branch}: ${result.stderr.trim()}`);
  }
  return removed.length ? `removed ${removed.join(", ")}` : "nothing to remove";
}
