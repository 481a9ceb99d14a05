/** What a doctor check reports. */
export type Severity = "error" | "warning" | "info";

export type CheckId =
  | "containment"
  | "project_files"
  | "version_skew"
  | "agent_files"
  | "merge_drivers"
  | "stale_claims"
  | "worktrees"
  | "lane_branches"
  | "mission_numbers"
  | "runtime_tracked";

export interface Finding {
  check: CheckId;
  severity: Severity;
  message: string;
  /** Project-relative path (or branch) the finding is about, when there is one. */
  subject?: string;
  /** A command that fixes it, printed exactly as it runs. */
  fix?: string;
  /** `doctor --fix` repairs this one itself (a safe fix: nothing of the user's can be lost). */
  autoFix?: SafeFix;
}

/** The fixes doctor applies on its own; each one loses nothing. */
export type SafeFix =
  | "sync_agent_files"
  | "prune_worktrees"
  | "remove_empty_worktree_dir"
  | "untrack_runtime"
  | "configure_merge_drivers"
  | "write_attributes"
  | "resolve_status_conflicts";

export interface DoctorContext {
  root: string;
  version: string;
  env: Record<string, string | undefined>;
  /** Minutes without a commit before a claim with no live process counts as stale. */
  staleMinutes: number;
  now: number;
  isGit: boolean;
}
