/**
 * The orchestrator-api's own error-code namespace: the `error_code` of a failure envelope. Providers
 * branch on these (never on message text), so they are the original's codes, unchanged; the few we
 * add are marked. Internal SpecKittyError codes reach it through ONE table, `OA_CODE_FOR`.
 */
import { isSpecKittyError } from "../errors.ts";

export const OA_ERROR_CODES = {
  USAGE_ERROR:
    "the command line is wrong (exit 2), or --evidence-json / --review-result-json is malformed (exit 1)",
  POLICY_METADATA_REQUIRED: "--policy is missing on a run-affecting call",
  POLICY_VALIDATION_FAILED:
    "--policy is not valid policy JSON (missing field, wrong type, banned flag, secret-like value)",
  MISSION_NOT_FOUND: "--mission matches no mission (or there is no project)",
  MISSION_AMBIGUOUS_SELECTOR: "(added) --mission matches more than one mission; data.candidates lists them",
  WP_NOT_FOUND: "--wp names no WP file of the mission",
  TRANSITION_REJECTED:
    "the transition table or a guard refused; a start from the wrong lane; the for_review commit gate",
  WP_ALREADY_CLAIMED:
    "another actor holds the WP (implementation or review), or two claimed it and neither is kept yet",
  DEPENDENCIES_NOT_SATISFIED: "start-implementation: a dependency is not approved or done",
  LANE_ALLOCATION_FAILED: "the lane worktree could not be created or reused",
  MISSION_NOT_READY: "accept-mission: a WP is not approved or done",
  HISTORY_COMMIT_FAILED: "append-history could not record the entry",
  PREFLIGHT_FAILED: "merge-mission refused before merging, or the merge stopped (data.errors says why)",
  CONTRACT_VERSION_MISMATCH: "--provider-version is below the minimum, or not a version",
  UNSUPPORTED_STRATEGY: "--strategy is not one this host can merge with",
  INVALID_PROJECT_FILE: "(added) a project file does not parse or match its schema (data.file names it)",
  LOCK_TIMEOUT: "(added) another process held a repository lock for too long; retry",
  UNSAFE_PROJECT_PATH:
    "(added) a project path leads out of the project (a symlink), or is a directory, device or hard-linked file where a file belongs (data.path names it); nothing was changed",
  INTERNAL_ERROR: "(added) an unexpected error: a bug in spec-kitty",
} as const;

export type OaErrorCode = keyof typeof OA_ERROR_CODES;

/** Internal code → envelope code; a code not listed is an INTERNAL_ERROR. */
export const OA_CODE_FOR: Readonly<Record<string, OaErrorCode>> = {
  USAGE: "USAGE_ERROR",
  INVALID_LANE: "USAGE_ERROR",
  INVALID_WP_ID: "USAGE_ERROR",
  MISSION_REQUIRED: "USAGE_ERROR",
  JSON_ARGUMENT_INVALID: "USAGE_ERROR",
  POLICY_METADATA_REQUIRED: "POLICY_METADATA_REQUIRED",
  POLICY_VALIDATION_FAILED: "POLICY_VALIDATION_FAILED",
  NOT_A_PROJECT: "MISSION_NOT_FOUND",
  MISSION_NOT_FOUND: "MISSION_NOT_FOUND",
  MISSION_AMBIGUOUS: "MISSION_AMBIGUOUS_SELECTOR",
  WP_NOT_FOUND: "WP_NOT_FOUND",
  WP_HELD: "WP_ALREADY_CLAIMED",
  AGENT_MISMATCH: "WP_ALREADY_CLAIMED",
  CLAIM_CONFLICT: "WP_ALREADY_CLAIMED",
  ILLEGAL_TRANSITION: "TRANSITION_REJECTED",
  TRANSITION_GUARD: "TRANSITION_REJECTED",
  FORCE_NEEDS_ACTOR_AND_REASON: "TRANSITION_REJECTED",
  WP_NO_STATUS: "TRANSITION_REJECTED",
  WP_CHANGED: "TRANSITION_REJECTED",
  WP_NOT_IMPLEMENTABLE: "TRANSITION_REJECTED",
  WP_NOT_REVIEWABLE: "TRANSITION_REJECTED",
  NO_LANE_COMMIT: "TRANSITION_REJECTED",
  DEPENDENCIES_NOT_MET: "DEPENDENCIES_NOT_SATISFIED",
  BASE_MISSING: "LANE_ALLOCATION_FAILED",
  DETACHED_HEAD: "LANE_ALLOCATION_FAILED",
  LANES_MISSING: "LANE_ALLOCATION_FAILED",
  WP_NOT_IN_LANE: "LANE_ALLOCATION_FAILED",
  NOT_A_GIT_REPO: "LANE_ALLOCATION_FAILED",
  WORKTREE_CREATE_FAILED: "LANE_ALLOCATION_FAILED",
  WORKTREE_DIRTY: "LANE_ALLOCATION_FAILED",
  WORKTREE_INVALID: "LANE_ALLOCATION_FAILED",
  WORKTREE_SETUP_FAILED: "LANE_ALLOCATION_FAILED",
  WORKTREE_WRONG_BRANCH: "LANE_ALLOCATION_FAILED",
  MISSION_NOT_READY: "MISSION_NOT_READY",
  PREFLIGHT_FAILED: "PREFLIGHT_FAILED",
  HISTORY_COMMIT_FAILED: "HISTORY_COMMIT_FAILED",
  CONTRACT_VERSION_MISMATCH: "CONTRACT_VERSION_MISMATCH",
  UNSUPPORTED_STRATEGY: "UNSUPPORTED_STRATEGY",
  INVALID_FILE: "INVALID_PROJECT_FILE",
  LOCK_TIMEOUT: "LOCK_TIMEOUT",
  PATH_ESCAPE: "UNSAFE_PROJECT_PATH",
  HARDLINKED_FILE: "UNSAFE_PROJECT_PATH",
  NOT_A_FILE: "UNSAFE_PROJECT_PATH",
};

export interface OaFailure {
  code: OaErrorCode;
  /** The envelope's `data`: the original's keys for that failure, and always a `message`. */
  data: Record<string, unknown>;
  exitCode: 1 | 2;
}

/**
 * An error as an envelope failure. A SpecKittyError's `details` become `data` (core functions of the
 * orchestrator module shape them as the original did), followed by `message`; anything else is an
 * INTERNAL_ERROR. Usage errors keep exit 2; every other failure exits 1.
 */
export function toOaFailure(error: unknown): OaFailure {
  if (!isSpecKittyError(error)) {
    const message = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    return { code: "INTERNAL_ERROR", data: { message }, exitCode: 1 };
  }
  const code = OA_CODE_FOR[error.code] ?? "INTERNAL_ERROR";
  const data: Record<string, unknown> = { ...(error.details ?? {}) };
  // `message` comes last when the original's keys come first; where it had only a message, it is alone.
  delete data.message;
  data.message = error.message;
  return { code, data, exitCode: code === "USAGE_ERROR" && error.exitCode === 2 ? 2 : 1 };
}
