/**
 * What a WP must show before it is handed to review (`move-task --to for_review`): its own commits
 * since it was claimed, and nothing of its work left uncommitted. Per WP, never per lane: the claim
 * records the workspace's HEAD as the WP's `base_commit`, so the second WP of a lane cannot pass on the
 * first one's commits. A planning-artifact WP (worked on in the main checkout) needs a commit since its
 * claim that changes its own files, not just spec-kitty's bookkeeping.
 *
 * Only the facts are gathered here; whether they are required for a move is the transition guard's
 * call (status/transitions.ts), and `--force` with a reason overrides it.
 */
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { dirtyPaths, isGitRepo, refExists } from "../git/facts.ts";
import { type GitOptions, runGit } from "../git/run.ts";
import type { LanesManifest } from "../lanes/file.ts";
import { laneForWp } from "../lanes/lookup.ts";
import { isBookkeepingPath, withoutBookkeeping } from "../mission/bookkeeping.ts";
import type { StatusMission } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";
import { scalarText } from "../tasks/wp-list.ts";
import { setupPaths, worktreeSetupConfig } from "../workspace/setup.ts";

export interface HandoffEvidence {
  /** True when the WP may go to review. */
  ok: boolean;
  /** Why not, one line each (empty when ok). */
  problems: string[];
  /** The WP's own commits found (0 when none). */
  commits: number;
}

const HEX = /^[0-9a-f]{7,40}$/i;

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).filter(Boolean) : [];
}

/** The WP's `base_commit` (recorded at its claim) when it names a commit this clone has; else null. */
function claimedBase(mission: StatusMission, wp: WpFile, options: GitOptions): string | null {
  const recorded = scalarText(wp.data.base_commit);
  return HEX.test(recorded) && refExists(mission.root, recorded, options) ? recorded : null;
}

/** `git rev-list --count a..b`, or 0 when git cannot answer. */
function countCommits(cwd: string, range: string, options: GitOptions): number {
  const result = runGit(cwd, ["rev-list", "--count", range], options);
  return result.code === 0 ? Number(result.stdout.trim()) || 0 : 0;
}

function codeLaneEvidence(
  mission: StatusMission,
  wp: WpFile,
  manifest: LanesManifest,
  options: GitOptions,
): HandoffEvidence {
  const lane = laneForWp(mission, wp.id, manifest);
  const problems: string[] = [];
  if (existsSync(lane.workspacePath)) {
    const dirty = withoutBookkeeping(
      dirtyPaths(lane.workspacePath, {
        ...options,
        untracked: "all",
        ignore: setupPaths(worktreeSetupConfig(mission.root)),
      }),
    );
    if (dirty.length > 0)
      problems.push(
        `uncommitted changes in ${lane.workspacePath}: ${dirty.slice(0, 8).join(", ")}${dirty.length > 8 ? ", …" : ""} (commit them on ${lane.branch})`,
      );
  }
  if (!refExists(mission.root, `refs/heads/${lane.branch}`, options)) {
    problems.push(`its lane branch ${lane.branch} does not exist: nothing was implemented`);
    return { ok: false, problems, commits: 0 };
  }
  const claimed = claimedBase(mission, wp, options);
  const base = claimed ?? manifest.targetBranch;
  const commits = countCommits(mission.root, `${base}..refs/heads/${lane.branch}`, options);
  if (commits === 0) {
    const since = claimed
      ? `since ${wp.id} was claimed (${claimed.slice(0, 12)})`
      : `beyond ${manifest.targetBranch}`;
    problems.push(`${lane.branch} has no commits ${since}: commit the WP's work first`);
  }
  return { ok: problems.length === 0, problems, commits };
}

/** Pathspecs of the WP's own files: its owned_files, else the mission directory. */
function ownPathspecs(mission: StatusMission, wp: WpFile): string[] {
  const owned = list(wp.data.owned_files);
  return owned.length > 0 ? owned.map((glob) => `:(glob)${glob}`) : [`kitty-specs/${mission.slug}/`];
}

/**
 * Where a planning WP's own commits start: its `base_commit`, else (a WP moved along without a claim
 * through `agent action implement`) the commit that added its WP file, else the whole history.
 */
function planningBase(mission: StatusMission, wp: WpFile, options: GitOptions): string | null {
  const claimed = claimedBase(mission, wp, options);
  if (claimed) return claimed;
  const added = runGit(
    mission.root,
    ["log", "--diff-filter=A", "--format=%H", "HEAD", "--", relative(mission.root, wp.path)],
    options,
  );
  return added.code === 0 ? (added.stdout.trim().split("\n").pop() ?? "") || null : null;
}

function planningEvidence(mission: StatusMission, wp: WpFile, options: GitOptions): HandoffEvidence {
  const problems: string[] = [];
  const paths = ownPathspecs(mission, wp);
  const dirty = withoutBookkeeping(dirtyPaths(mission.root, { ...options, untracked: "all", paths }));
  if (dirty.length > 0)
    problems.push(
      `uncommitted changes to ${wp.id}'s files in the main checkout: ${dirty.slice(0, 8).join(", ")} (commit them)`,
    );
  const base = planningBase(mission, wp, options);
  const range = base ? `${base}..HEAD` : "HEAD";
  const log = runGit(mission.root, ["log", "--format=%x00%H", "--name-only", range, "--", ...paths], options);
  // A commit counts when it changes one of the WP's files that is not spec-kitty's own bookkeeping.
  const commits =
    log.code !== 0
      ? 0
      : log.stdout
          .split("\0")
          .slice(1)
          .filter((entry) =>
            entry
              .split("\n")
              .slice(1)
              .some((file) => file.trim() !== "" && !isBookkeepingPath(file.trim())),
          ).length;
  if (commits === 0)
    problems.push(
      `no commit since ${wp.id} was claimed changes its own files (${list(wp.data.owned_files).join(", ") || `kitty-specs/${mission.slug}/`}): commit the WP's work first`,
    );
  return { ok: problems.length === 0, problems, commits };
}

/**
 * The evidence that `wp` was worked on. Outside git nothing can be checked (and nothing can be
 * implemented in a lane either), so everything passes there.
 */
export function handoffEvidence(
  mission: StatusMission,
  wp: WpFile,
  manifest: LanesManifest | null,
  options: GitOptions = {},
): HandoffEvidence {
  if (manifest === null || !isGitRepo(mission.root, options)) return { ok: true, problems: [], commits: 0 };
  const lane = laneForWp(mission, wp.id, manifest);
  if (!lane.isMainCheckout) return codeLaneEvidence(mission, wp, manifest, options);
  return planningEvidence(mission, wp, options);
}
