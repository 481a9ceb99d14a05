/**
 * Committing exactly the files a command wrote, and nothing else the user had staged. Never stashes.
 * The repository's hooks run (no `--no-verify`): an auto-commit is an ordinary commit in the user's
 * checkout, and a pre-commit hook that refuses it is told to the user, not bypassed. A failed commit
 * (a hook included) leaves the files on disk (and unstaged) and returns a warning instead of throwing.
 * `removed` names paths the command already took out of the index (a `git mv`'s old side): they go
 * into the commit with the rest, but are not `git add`ed (there is nothing left to add).
 */
import { gitCommonDir } from "./facts.ts";
import { GitMissingError, runGit } from "./run.ts";

export interface CommitOutcome {
  committed: boolean;
  hash: string | null;
  warning: string | null;
}

export function commitOwnFiles(
  root: string,
  paths: string[],
  message: string,
  env?: Record<string, string | undefined>,
  removed: readonly string[] = [],
): CommitOutcome {
  try {
    const add = runGit(root, ["add", "--force", "--", ...paths], { env });
    // Outside a repository there is nothing to commit into: not a failure worth a warning per command.
    // Asked of git (not read from its message, which it translates), and only once `add` has failed.
    if (add.code !== 0 && gitCommonDir(root, { env }) === null)
      return { committed: false, hash: null, warning: null };
    if (add.code !== 0)
      return { committed: false, hash: null, warning: `git add failed: ${add.stderr.trim()}` };
    const commit = runGit(
      root,
      ["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message, "--", ...paths, ...removed],
      { env },
    );
    if (commit.code !== 0) {
      runGit(root, ["reset", "--quiet", "--", ...paths, ...removed], { env });
      const why =
        (commit.stderr.trim() || commit.stdout.trim()).split("\n")[0] || `git commit exited ${commit.code}`;
      return {
        committed: false,
        hash: null,
        warning: `files written but not committed (a hook refused, or git failed): ${why}`,
      };
    }
    const hash = runGit(root, ["rev-parse", "HEAD"], { env }).stdout.trim();
    return { committed: true, hash, warning: null };
  } catch (error) {
    if (error instanceof GitMissingError) return { committed: false, hash: null, warning: error.message };
    throw error;
  }
}
