import { existsSync } from "node:fs";
import { GitMissingError, runGit } from "../git.ts";

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
  let seconds: number;
  try {
    const result = runGit(workspace, ["log", "-1", "--format=%ct"], { env });
    seconds = Number(result.stdout.trim());
    if (result.code !== 0 || !Number.isFinite(seconds) || seconds <= 0) throw new Error("no commit");
  } catch (error) {
    const reason = error instanceof GitMissingError ? "git is not installed" : "no commit in the workspace";
    return { status: "unknown", reason, minutes_since_commit: null, last_commit_time: null };
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
