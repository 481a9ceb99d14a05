/**
 * Every `code` a SpecKittyError can carry, with what it means. The codes are a contract: `--json`
 * errors print them as `error_code`, scripts and orchestrators branch on them, so a code is never
 * renamed or reused. test/unit/error-codes.test.ts fails when a thrown code is missing here (or a
 * code here is thrown nowhere).
 */
export const ERROR_CODES = {
  // command line
  USAGE: "the command line is wrong: unknown command or option, missing or malformed argument (exit 2)",
  INTERNAL: "an unexpected error: a bug in spec-kitty",
  AGENT_REQUIRED: "--agent is required for this command",
  UNKNOWN_AGENT: "--agent names no known agent",
  INVALID_LANE: "a lane name that is not one of the nine status lanes",
  INVALID_SLUG: "a mission slug that is not lower-case kebab-case",
  INVALID_WP_ID: "a work package id that is not WPnn",
  INVALID_SUBTASK_ID: "a subtask id that is not like T001",
  // files and paths
  INVALID_FILE: "a file that does not parse or does not match its schema (names the file and line)",
  PATH_ESCAPE: "a path that would leave the project (.., absolute, or through a symlink)",
  NOT_A_FILE: "a directory, FIFO or device where spec-kitty reads or writes a file",
  HARDLINKED_FILE: "a file with more than one hard link, which spec-kitty will not write through",
  INPUT_OUTSIDE_PROJECT:
    "a file named by a flag is outside the project (and the flag's opt-in was not given)",
  INPUT_NOT_FOUND: "a file named by a flag does not exist",
  INPUT_NOT_A_FILE: "a file named by a flag is a directory, FIFO or device",
  INPUT_NOT_READABLE: "a file named by a flag cannot be read (permissions)",
  INPUT_TOO_LARGE: "a file named by a flag, or standard input, is larger than allowed",
  STDIN_TIMEOUT: "standard input did not end in time (a pipe that never closes)",
  INVALID_BRANCH_NAME: "a branch name that git would refuse (git check-ref-format)",
  NO_HOME: "neither SPEC_KITTY_HOME nor HOME is set",
  BAD_LOCK_NAME: "an internal lock name that is not allowed",
  LOCK_TIMEOUT: "another process held a lock for too long",
  // project and missions
  NOT_A_PROJECT: "no .kittify/ at or above the current directory",
  NOT_A_GIT_REPO: "the command needs a git repository",
  INSIDE_WORKTREE: "missions are created from the main checkout, not a lane worktree",
  MISSION_REQUIRED: "--mission is required",
  MISSION_NOT_FOUND: "--mission matches no mission",
  MISSION_AMBIGUOUS: "--mission matches more than one mission",
  STATUS_READ_PATH_NOT_FOUND:
    "a coordination-topology mission whose coordination worktree lacks the mission directory (read fails closed)",
  SPEC_FILE_MISSING: "the mission has no spec.md",
  MISSION_NOT_DETECTED: "mission current: neither the branch nor the directory belongs to a mission",
  // init
  INIT_AGENTS_REQUIRED: "init needs --ai in non-interactive mode",
  INIT_AGENT_MISMATCH: "the project is already initialised for other agents",
  INIT_CANCELLED: "the interactive agent picker was cancelled",
  INIT_FILE_EXISTS: "a file init would create already exists",
  INIT_NO_AGENTS: "no agent was selected",
  INIT_TARGET_CONFLICT: "the init target exists, is not empty and is not a spec-kitty project",
  INIT_TARGET_NOT_DIRECTORY: "the init target is not a directory",
  INIT_UNKNOWN_AGENT: "--ai names an unknown agent",
  INIT_WRITE_FAILED: "init could not write its files (nothing was left behind)",
  // agents and owned files
  AGENT_NOT_CONFIGURED: "agent config remove names agents the project does not use",
  AGENT_FILE_CONFLICT: "a file spec-kitty did not write is where an agent's command file goes",
  WRITE_FAILED: "a multi-file change could not be written (every file was restored)",
  PROJECT_TOO_NEW: "the project was written by a newer spec-kitty; this binary never downgrades it",
  // charter and research
  CHARTER_CANCELLED: "the charter interview was cancelled (nothing written)",
  CHARTER_NEEDS_TERMINAL: "charter interview without a terminal needs --defaults",
  CHARTER_EDITED: "charter generate would replace a charter.md edited by hand (use --force)",
  // tasks and finalize
  TASKS_DIR_MISSING: "the mission has no tasks/ folder",
  TASKS_MD_MISSING: "the mission has no tasks.md",
  NO_WORK_PACKAGES: "tasks/ holds no WP files",
  WP_FILE_MISSING: "tasks.md declares a WP that has no file",
  WP_FILE_UNAVAILABLE:
    "the event log knows a WP whose file is missing or unreadable, so an action on it cannot run",
  WP_NOT_FOUND: "no WP file for that id",
  DUPLICATE_WP: "one WP id has two files or two tasks.md headers",
  DEPENDENCY_CONFLICT: "frontmatter and tasks.md declare different dependencies",
  DEPENDENCY_CYCLE: "the dependencies form a cycle",
  SELF_DEPENDENCY: "a WP depends on itself",
  UNKNOWN_DEPENDENCY: "a WP depends on a WP that does not exist",
  OWNERSHIP_INVALID: "authoritative_surface does not cover the owned files",
  OWNERSHIP_OVERLAP: "two WPs own the same files",
  REQUIREMENT_REFS_INVALID: "map-requirements names unknown WPs, malformed refs or refs spec.md lacks",
  // status
  ILLEGAL_TRANSITION: "the transition table does not allow that move",
  TRANSITION_GUARD: "a transition guard refused (subtasks, evidence, review result, …)",
  FORCE_NEEDS_ACTOR_AND_REASON: "--force needs an actor and a reason",
  WP_NO_STATUS: "the WP has no status events yet (run finalize-tasks)",
  SUBTASKS_OPEN: "the WP still has unchecked subtasks",
  FEEDBACK_REQUIRED: "a rejection needs review feedback",
  FEEDBACK_NOT_FOUND: "the review feedback file does not exist",
  FEEDBACK_EMPTY: "the review feedback file is empty",
  AGENT_MISMATCH: "the WP is assigned to another agent",
  DONE_NOT_MERGED: "done needs the WP's work merged (or an override reason)",
  // the loop
  DEPENDENCIES_NOT_MET: "the WP's dependencies are not approved or done",
  NO_WP_READY: "no WP is ready to implement",
  NO_WP_FOR_REVIEW: "no WP waits for review",
  WP_HELD: "another actor holds the WP",
  WP_CHANGED: "the WP changed lane while the command ran",
  WP_NOT_IMPLEMENTABLE: "the WP is in a lane that cannot be implemented",
  WP_NOT_REVIEWABLE: "the WP is in a lane that cannot be reviewed",
  // lanes and workspaces
  LANES_MISSING: "the mission has no lanes.json (run finalize-tasks)",
  WP_NOT_IN_LANE: "the WP is in no lane of lanes.json",
  BASE_MISSING: "the branch a lane worktree starts from does not exist",
  DETACHED_HEAD: "a checkout has a detached HEAD",
  WORKTREE_CREATE_FAILED: "git worktree add failed",
  WORKTREE_DIRTY: "a worktree has uncommitted changes",
  WORKTREE_INVALID: "a lane worktree path exists but is not a git worktree",
  WORKTREE_SETUP_FAILED: "a worktrees.setup step failed (the worktree was kept)",
  WORKTREE_WRONG_BRANCH: "a lane worktree is on another branch",
  // git
  GIT_MISSING: "git is not installed or not on PATH",
  GIT_FAILED: "a git command failed",
  GIT_STATUS_FAILED: "git status failed",
  // merge
  MERGE_UNAPPROVED: "not every WP is approved",
  MERGE_CONFLICT: "a lane or the mission branch conflicts (nothing half-merged)",
  MERGE_RUNNING: "another merge of the mission is running",
  MERGE_IN_PROGRESS: "an interrupted merge with another strategy waits to be finished",
  MERGE_JOURNAL_STEP: "the merge journal names a step this version does not know",
  MERGE_INPUT_MISSING: "the merge driver could not read one of its inputs",
  MERGE_CONFLICTING_EVENTS: "two sides of a merged event log hold different rows under one event_id",
  MERGE_DRIVER_CONFLICT:
    "a merge driver found a conflict it cannot resolve by itself (git leaves the file conflicted)",
  MERGE_DRIVER_PATHS: "the merge driver's three paths do not share one directory",
  LANE_BRANCH_MISSING: "an approved lane has no branch",
  LANE_WORKTREE_DIRTY: "a lane worktree has uncommitted changes",
  TARGET_BRANCH_MISSING: "the mission's target branch does not exist",
  BRANCH_VANISHED: "a branch disappeared during a merge",
  CHECKOUT_BLOCKS_MERGE: "local changes in a checkout block moving its branch",
  STATUS_COMMIT_FAILED: "the status files could not be committed",
  PUSH_REMOTE_MISSING: "--push: the repository has no such remote",
  PUSH_FAILED: "git push failed",
  // auth and sync
  NOT_LOGGED_IN: "no session: run spec-kitty auth login",
  SESSION_EXPIRED: "the session expired: log in again",
  LOGIN_CANCELLED: "login was cancelled",
  LOGIN_FAILED: "the server refused the login",
  INVALID_SERVER_URL: "the sync server URL is not allowed",
  INVALID_SERVER_RESPONSE: "the server answered something unexpected",
  SERVER_ERROR: "the server answered with an error",
  SERVER_TIMEOUT: "the server did not answer in time",
  SERVER_UNREACHABLE: "the server could not be reached",
  SYNC_UNAUTHORIZED: "the server refused the events even after a refresh",
  // views and the dashboard
  READ_FAILED:
    "a mission file vanished or could not be read while a board was built (re-read on the next change)",
  DASHBOARD_PORT_IN_USE: "dashboard --port names a port another program listens on",
  DASHBOARD_LISTEN_FAILED: "the dashboard could not listen on the loopback interface",
  DASHBOARD_EXPORT_TARGET: "dashboard --export names a file, or a directory holding other files",
  // orchestrator-api (mapped onto the envelope's own codes by core/orchestrator/error-codes.ts)
  POLICY_METADATA_REQUIRED: "orchestrator-api: --policy is missing on a run-affecting call",
  POLICY_VALIDATION_FAILED: "orchestrator-api: --policy is not valid policy JSON",
  CONTRACT_VERSION_MISMATCH:
    "orchestrator-api: the provider's version is below the minimum, or not a version",
  UNSUPPORTED_STRATEGY: "orchestrator-api merge-mission: a merge strategy this host cannot merge with",
  MISSION_NOT_READY: "orchestrator-api accept-mission: a WP is not approved or done",
  PREFLIGHT_FAILED: "orchestrator-api merge-mission: the merge was refused or stopped",
  HISTORY_COMMIT_FAILED: "orchestrator-api append-history: the entry could not be recorded",
  JSON_ARGUMENT_INVALID: "a JSON-valued option (--evidence-json, --review-result-json) is malformed",
  NO_LANE_COMMIT: "for_review of a lane WP needs a commit on the lane branch beyond its base",
  // dispatch
  DISPATCH_RUNNING: "another live dispatcher owns the mission (pid and host named)",
  DISPATCH_UNKNOWN_AGENT: "an agent with no headless invocation (built in or in dispatch.agents)",
  DISPATCH_NOTHING_TO_RESUME: "dispatch --resume on a mission that was never dispatched",
  // release
  MALFORMED_VERSION: "a version string that is neither semver nor PEP 440",
  NO_PROJECT_VERSION: "the project declares no version",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
