/**
 * Committing what a loop command wrote (`agents.auto_commit`): the mission's own files in the main
 * checkout, its status files where they live. For a 3.2 coordination-topology mission that is the
 * coordination worktree, so they are committed there, on the coordination branch, as upstream does.
 */
import { join, relative } from "node:path";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { type StatusMission, statusDirOf } from "../status/store.ts";

export function commitMissionFiles(
  mission: StatusMission,
  files: { own: string[]; status: string[] },
  message: string,
  env?: Record<string, string | undefined>,
): CommitOutcome {
  const statusDir = statusDirOf(mission);
  const rel = (base: string, paths: string[]) => paths.map((p) => relative(base, p));
  if (statusDir === mission.dir)
    return commitOwnFiles(mission.root, rel(mission.root, [...files.status, ...files.own]), message, env);
  const worktree = join(statusDir, "..", "..");
  const status = commitOwnFiles(worktree, rel(worktree, files.status), message, env);
  const own =
    files.own.length > 0 ? commitOwnFiles(mission.root, rel(mission.root, files.own), message, env) : status;
  return {
    committed: status.committed && own.committed,
    hash: own.hash,
    warning: status.warning ?? own.warning,
  };
}
