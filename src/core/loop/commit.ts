/**
 * Committing what a loop command wrote (`agents.auto_commit`): the mission's own files in the main
 * checkout, its status files where they live. For a 3.2 coordination-topology mission that is the
 * coordination worktree, so they are committed there, on the coordination branch, as upstream does.
 */
import { join, relative } from "node:path";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { type StatusMission, statusDirOf } from "../status/store.ts";

/** The checkout the mission's status files are committed in: the coordination worktree, or the project. */
export function statusCheckout(mission: StatusMission): string {
  const statusDir = statusDirOf(mission);
  return statusDir === mission.dir ? mission.root : join(statusDir, "..", "..");
}

export function commitMissionFiles(
  mission: StatusMission,
  files: { own: string[]; status: string[] },
  message: string,
  env?: Record<string, string | undefined>,
): CommitOutcome {
  const rel = (base: string, paths: string[]) => paths.map((p) => relative(base, p));
  const worktree = statusCheckout(mission);
  if (worktree === mission.root)
    return commitOwnFiles(mission.root, rel(mission.root, [...files.status, ...files.own]), message, env);
  // An empty path list would make `git commit --` commit whatever else is staged there: skip it.
  const status =
    files.status.length > 0 ? commitOwnFiles(worktree, rel(worktree, files.status), message, env) : null;
  const own =
    files.own.length > 0 ? commitOwnFiles(mission.root, rel(mission.root, files.own), message, env) : null;
  const outcomes = [status, own].filter((o): o is CommitOutcome => o !== null);
  return {
    committed: outcomes.length > 0 && outcomes.every((o) => o.committed),
    hash: own?.hash ?? status?.hash ?? null,
    warning: status?.warning ?? own?.warning ?? null,
  };
}
