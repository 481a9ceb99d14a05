import { existsSync } from "node:fs";
import { lastCommitSeconds } from "../git/facts.ts";
import { GitMissingError } from "../git/run.ts";

export interface StaleInfo {
  status: "fresh" | "stale" | "unknown";
  reason: string;
  minutes_since_commit: number | null;
  last_commit_time: string | null;
}

/**
 * Whether an in-progress WP looks abandoned: no commit in its workspace for more than `thresholdMin`
 * minutes. Only ever a hint on the board, so every failure (no worktree, no git) reads as "unknown".
 */
export function staleness(
  workspace: string,
  thresholdMin: number,
  env: Record<string, string | undefined>,
  now = Date.now(),
): StaleInfo {
  if (!existsSync(workspace)) {
    return {
      status: "unknown",
      reason: "workspace does not exist",
      minutes_since_commit: null,
      last_commit_time: null,
    };
  }
  let seconds: number | null;
  try {
    seconds = lastCommitSeconds(workspace, { env });
  } catch (error) {
    if (!(error instanceof GitMissingError)) throw error;
    return {
      status: "unknown",
      reason: "git is not installed",
      minutes_since_commit: null,
      last_commit_time: null,
    };
  }
  if (seconds === null) {
    return {
      status: "unknown",
      reason: "no commit in the workspace",
      minutes_since_commit: null,
      last_commit_time: null,
    };
  }
  const minutes = Math.max(0, Math.round(((now - seconds * 1000) / 60_000) * 10) / 10);
  const stale = minutes > thresholdMin;
  return {
    status: stale ? "stale" : "fresh",
    reason: stale ? `no commit for ${minutes} minutes (threshold ${thresholdMin})` : "recent commit",
    minutes_since_commit: minutes,
    last_commit_time: new Date(seconds * 1000).toISOString(),
  };
}
