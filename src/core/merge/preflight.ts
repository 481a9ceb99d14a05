/**
 * Everything a merge can know before its first write, checked before the journal is written (and
 * again before an interrupted merge goes on): the event log still says what the plan was made from,
 * no lane conflicts with the mission or the target (predicted with `git merge-tree`, which writes
 * objects but moves no ref and touches no checkout), and nothing uncommitted in the target's checkout
 * stands in the way of the files the landing changes. A refusal here leaves every file and ref as it was.
 */
import { posix, relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { MERGE_DRIVERS, STATUS_ATTRIBUTE_RULES } from "../git/drivers.ts";
import { branchHead, checkoutOf, dirtyPaths, isAncestor } from "../git/facts.ts";
import { runGit } from "../git/run.ts";
import { laneWorktreePath } from "../lanes/lookup.ts";
import { isBookkeepingPath } from "../mission/bookkeeping.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { laneOf, reduce } from "../status/reducer.ts";
import { eventsPath, readEvents } from "../status/store.ts";
import type { Env } from "./git-ops.ts";
import type { MergeJournal } from "./journal.ts";

/** Identity for the throw-away commits of the simulation (never on a branch). */
const SIM_IDENTITY = ["-c", "user.name=spec-kitty", "-c", "user.email=spec-kitty@localhost"];
/** The file names the rules spec-kitty commits (kitty-specs/.gitattributes) route to its drivers. */
const RULE_FILES = new Set(STATUS_ATTRIBUTE_RULES.map((rule) => rule.split(/\s+/)[0] as string));
const DRIVER_KEYS = new Set(MERGE_DRIVERS.map((driver) => driver.key));

const pending = (journal: MergeJournal, id: string) =>
  journal.steps.find((s) => s.id === id)?.status !== "done";

/**
 * The conflicted files one of spec-kitty's drivers merges, which merge-tree cannot predict here (the
 * merge's `driver` step configures the drivers and writes the rules only once the merge starts): the
 * status files the committed rules name, and whatever the attribute files route to a spec-kitty
 * driver (3.2's meta.json, traces, matrices and review cycles).
 */
export function driverHandled(root: string, files: readonly string[], env: Env): Set<string> {
  const handled = new Set(
    files.filter((file) => file.startsWith("kitty-specs/") && RULE_FILES.has(posix.basename(file))),
  );
  const rest = files.filter((file) => !handled.has(file));
  if (rest.length === 0) return handled;
  // `-z`: path NUL attribute NUL value NUL, for every path (no quoting to undo).
  const out = runGit(root, ["check-attr", "-z", "merge", "--", ...rest], { env });
  const fields = out.code === 0 ? out.stdout.split("\0") : [];
  for (let i = 0; i + 2 < fields.length; i += 3)
    if (DRIVER_KEYS.has(fields[i + 2] as string)) handled.add(fields[i] as string);
  return handled;
}

interface TreeMerge {
  tree: string | null;
  conflicts: string[];
}

/** `git merge-tree --write-tree` of two commits; null tree when this git cannot predict (< 2.38). */
export function mergeTree(root: string, ours: string, theirs: string, env: Env): TreeMerge {
  const result = runGit(root, ["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs], {
    env,
  });
  if (result.code !== 0 && result.code !== 1) return { tree: null, conflicts: [] };
  const [tree = "", ...files] = result.stdout.split("\n").filter((line) => line.trim() !== "");
  const handled = result.code === 1 ? driverHandled(root, files, env) : new Set<string>();
  const conflicts = result.code === 1 ? files.filter((file) => !handled.has(file)) : [];
  return { tree, conflicts };
}

function simCommit(root: string, tree: string, parents: string[], env: Env): string | null {
  const args = [...SIM_IDENTITY, "commit-tree", tree, ...parents.flatMap((p) => ["-p", p])];
  const result = runGit(root, [...args, "-m", "spec-kitty merge preflight"], { env });
  return result.code === 0 ? result.stdout.trim() : null;
}

function rerun(slug: string): string {
  return `then run \`spec-kitty merge --mission ${slug}\` again; nothing was merged`;
}

/** The event log must still hold what the plan was made from: every WP still to be marked done is approved. */
function checkLog(mission: MissionRef, journal: MergeJournal): void {
  const snapshot = reduce(readEvents(mission));
  const moved = journal.done_wps
    .filter((wp) => pending(journal, `done:${wp}`))
    .map((wp) => ({ wp, lane: laneOf(snapshot, wp) }))
    .filter((s) => s.lane !== "approved" && s.lane !== "done");
  if (moved.length === 0) return;
  const log = relative(mission.root, eventsPath(mission));
  throw new SpecKittyError(
    "MERGE_LOG_CHANGED",
    `the merge was planned with ${moved.map((m) => m.wp).join(", ")} approved, but ${log} now says ${moved.map((m) => `${m.wp} is ${m.lane}`).join(", ")}`,
    {
      fix: `restore ${log} (if a \`git stash\` took it: \`git stash pop\`), then run \`spec-kitty merge --mission ${mission.slug}\` again; or give this merge up with \`spec-kitty merge --mission ${mission.slug} --abort\``,
      details: { wps: moved },
    },
  );
}

/** The lane merges and the landing, simulated; the tree the target would get, or null if unknown. */
function simulate(mission: MissionRef, journal: MergeJournal, targetHead: string, env: Env): string | null {
  const { root, slug } = mission;
  const missionHead = branchHead(root, journal.mission_branch, { env });
  let sim = missionHead ?? targetHead;
  const merged: string[] = missionHead ? [journal.mission_branch] : [journal.target_branch];
  for (const lane of journal.lanes) {
    if (lane.action !== "merge" || !pending(journal, `lane:${lane.lane_id}`)) continue;
    const branch = lane.branch as string;
    const head = branchHead(root, branch, { env });
    if (head === null || isAncestor(root, head, sim, { env })) continue;
    const result = mergeTree(root, sim, head, env);
    if (result.tree === null) return null;
    if (result.conflicts.length > 0) {
      const worktree = relative(root, laneWorktreePath(root, slug, lane.lane_id));
      const refs = merged.filter((ref) => !isAncestor(root, ref, head, { env }));
      const steps = refs.map((ref) => `\`git merge ${ref}\``).join(", then ");
      throw new SpecKittyError(
        "MERGE_CONFLICT_PREDICTED",
        `${lane.lane_id} (${branch}) conflicts with ${refs.join(" and ")} in ${result.conflicts.join(", ")}`,
        {
          fix: `in ${worktree} run ${steps}, resolve the conflicts and commit, ${rerun(slug)}`,
          details: { lane_id: lane.lane_id, conflicting_files: result.conflicts, merge_into_lane: refs },
        },
      );
    }
    sim = simCommit(root, result.tree as string, [sim, head], env) ?? sim;
    merged.push(branch);
  }
  if (!pending(journal, "target") || isAncestor(root, sim, targetHead, { env })) return null;
  const landing = mergeTree(root, targetHead, sim, env);
  if (landing.tree === null) return null;
  if (landing.conflicts.length > 0) {
    const lanes = journal.lanes.filter((l) => l.action === "merge").map((l) => l.lane_id);
    throw new SpecKittyError(
      "MERGE_CONFLICT_PREDICTED",
      `the mission conflicts with ${journal.target_branch} in ${landing.conflicts.join(", ")}`,
      {
        fix: `in the lane worktree that changed those files (${lanes.map((id) => relative(root, laneWorktreePath(root, slug, id))).join(", ")}) run \`git merge ${journal.target_branch}\`, resolve the conflicts and commit, ${rerun(slug)}`,
        details: { conflicting_files: landing.conflicts, target_branch: journal.target_branch },
      },
    );
  }
  return landing.tree;
}

/** Uncommitted files in the target's checkout that the landing would have to overwrite. */
function checkTargetCheckout(
  mission: MissionRef,
  journal: MergeJournal,
  targetHead: string,
  tree: string,
  env: Env,
): void {
  const { root } = mission;
  const checkout = checkoutOf(root, journal.target_branch, { env });
  if (checkout === null) return;
  const changed = new Set(
    runGit(root, ["diff", "--name-only", "--no-renames", targetHead, tree], { env })
      .stdout.split("\n")
      .filter(Boolean),
  );
  const blocking = dirtyPaths(checkout, { env, untracked: "all" }).filter((path) => changed.has(path));
  if (blocking.length === 0) return;
  const ours = blocking.filter((path) => isBookkeepingPath(path));
  const quoted = blocking.map((f) => (/^[\w./@+-]+$/.test(f) ? f : JSON.stringify(f))).join(" ");
  throw new SpecKittyError(
    "MERGE_TARGET_DIRTY",
    `uncommitted changes in ${checkout} are in the way of the merge into ${journal.target_branch}: ${blocking.join(", ")}`,
    {
      fix: `commit them first (\`git -C ${checkout} add -- ${quoted} && git -C ${checkout} commit -m "…"\`), ${rerun(mission.slug)}`,
      details: { checkout, files: blocking, spec_kitty_files: ours },
    },
  );
}

/**
 * Throws the first reason the journal's remaining steps would fail, before any of them runs. Called
 * for a fresh plan (before its journal is written) and for an interrupted merge (before it goes on).
 */
export function assertMergePreflight(mission: MissionRef, journal: MergeJournal, env: Env): void {
  checkLog(mission, journal);
  const targetHead = branchHead(mission.root, journal.target_branch, { env });
  if (targetHead === null) return; // the steps report a vanished branch with its own fix
  const tree = simulate(mission, journal, targetHead, env);
  if (tree !== null) checkTargetCheckout(mission, journal, targetHead, tree, env);
}

/** The heads `merge --abort` puts back, recorded when a journal is created (before its first step). */
export function preMergeHeads(root: string, journal: MergeJournal, env: Env): MergeJournal["pre_merge"] {
  const target = branchHead(root, journal.target_branch, { env });
  if (target === null) return null;
  return { target_head: target, mission_branch_head: branchHead(root, journal.mission_branch, { env }) };
}

export interface PreflightBlocker {
  code: string;
  message: string;
  fix: string | undefined;
}

/** What `assertMergePreflight` would refuse, as data (for `merge --dry-run`); null when nothing. */
export function preflightBlocker(
  mission: MissionRef,
  journal: MergeJournal,
  env: Env,
): PreflightBlocker | null {
  try {
    assertMergePreflight(mission, journal, env);
    return null;
  } catch (error) {
    if (!(error instanceof SpecKittyError)) throw error;
    return { code: error.code, message: error.message, fix: error.fix };
  }
}
