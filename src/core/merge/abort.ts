/**
 * `spec-kitty merge --abort`: gives up an interrupted merge and puts back what it changed, from its
 * journal. Until the mission lands on the target a merge has moved one ref, the mission branch (lane
 * merges are built in a scratch worktree; lane branches and checkouts are never touched), so aborting
 * resets or deletes that branch, removes the scratch worktree and drops the journal. Once the mission
 * has landed (or a WP was marked done) the merge is no longer undone by spec-kitty: it is finished.
 */
import { existsSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { branchHead, checkoutOf, isAncestor } from "../git/facts.ts";
import { runGit } from "../git/run.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { dropScratch, type Env, scratchDir } from "./git-ops.ts";
import { journalPath, type MergeJournal, readJournal } from "./journal.ts";
import { withMergeLock } from "./lock.ts";

export interface AbortOutcome {
  missionSlug: string;
  journalPath: string;
  /** What happened to the mission branch. */
  missionBranch: { name: string; action: "reset" | "deleted" | "unchanged"; head: string | null };
  targetBranch: string;
}

const started = (journal: MergeJournal, id: string) =>
  (journal.steps.find((s) => s.id === id)?.status ?? "pending") !== "pending";

/** Why the merge can no longer be aborted, or null when it can. */
function tooLate(root: string, journal: MergeJournal, env: Env): string | null {
  const done = journal.steps.filter((s) => s.id.startsWith("done:") && s.status !== "pending");
  if (done.length > 0) return `${done.map((s) => s.id.slice(5)).join(", ")} already marked done`;
  for (const id of ["commit-status", "push", "cleanup"])
    if (started(journal, id)) return `its ${id} step ran`;
  if (!started(journal, "target")) return null;
  const target = branchHead(root, journal.target_branch, { env });
  const landed =
    journal.steps.find((s) => s.id === "target")?.status === "done" ||
    (target !== null &&
      journal.mission_head != null &&
      isAncestor(root, journal.mission_head, target, { env }));
  return landed ? `the mission already landed on ${journal.target_branch}` : null;
}

/** `merge --abort`, holding the mission's merge lock (a running merge makes it MERGE_RUNNING). */
export function abortMerge(mission: MissionRef, env: Env): Promise<AbortOutcome> {
  return withMergeLock(mission, () => abortHeld(mission, env));
}

function abortHeld(mission: MissionRef, env: Env): AbortOutcome {
  const { root, slug } = mission;
  const journal = readJournal(root, slug);
  if (journal === null || journal.state === "completed") {
    throw new SpecKittyError("MERGE_NOT_IN_PROGRESS", `no interrupted merge of ${slug} to abort`, {
      fix: `\`spec-kitty merge --mission ${slug} --dry-run\` shows what a merge would do`,
    });
  }
  const late = tooLate(root, journal, env);
  if (late !== null) {
    throw new SpecKittyError("MERGE_ABORT_TOO_LATE", `the merge of ${slug} cannot be aborted: ${late}`, {
      fix: `finish it with \`spec-kitty merge --mission ${slug}\` (it continues where it stopped); to take the work back out of ${journal.target_branch} afterwards, revert its merge commit`,
      details: { journal: journalPath(root, slug) },
    });
  }
  const name = journal.mission_branch;
  const before = journal.pre_merge ?? null;
  const current = branchHead(root, name, { env });
  let action: AbortOutcome["missionBranch"]["action"] = "unchanged";
  if (before !== null && current !== before.mission_branch_head && current !== null) {
    const holder = checkoutOf(root, name, { env });
    if (holder !== null) {
      throw new SpecKittyError("MERGE_ABORT_BLOCKED", `${name} is checked out in ${holder}`, {
        fix: `switch that checkout to another branch (\`git -C ${holder} switch -\`), then abort again`,
        details: { checkout: holder, branch: name },
      });
    }
    const result =
      before.mission_branch_head === null
        ? runGit(root, ["update-ref", "-d", `refs/heads/${name}`, current], { env })
        : runGit(
            root,
            [
              "update-ref",
              "-m",
              "spec-kitty merge --abort",
              `refs/heads/${name}`,
              before.mission_branch_head,
              current,
            ],
            { env },
          );
    if (result.code !== 0) {
      throw new SpecKittyError("GIT_FAILED", `could not restore ${name}: ${result.stderr.trim()}`, {
        fix: "check `git branch` and retry; nothing else was changed",
      });
    }
    action = before.mission_branch_head === null ? "deleted" : "reset";
  }
  dropScratch(root, scratchDir(root, slug), env);
  const path = journalPath(root, slug);
  if (existsSync(path)) rmSync(dirname(path), { recursive: true, force: true });
  return {
    missionSlug: slug,
    journalPath: path,
    missionBranch: { name, action, head: branchHead(root, name, { env }) },
    targetBranch: journal.target_branch,
  };
}
