/**
 * The view model of every board: one mission with its WP cards, as plain JSON-ready data. The web
 * dashboard, its static export and `agent tasks status` (board and `--json`) all render this, so they
 * can never show different facts. Field names follow `agent tasks status --json`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isSpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import { laneForWp, type WpLane } from "../lanes/lookup.ts";
import type { Step } from "../loop/phase.ts";
import { reviewCycleNumbers } from "../loop/review-cycle.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { LaneSource, StatusSource, ViewWarning } from "../mission-view/read.ts";
import type { ClaimConflict } from "../status/claims.ts";
import type { StatusLane } from "../status/lane.ts";
import { type SubtaskCount, subtaskCounts } from "../tasks/subtasks.ts";
import { type StaleInfo, staleness } from "../workspace/stale.ts";
import { type AdaptedMission, type AdaptedWp, adaptMission, type DuplicateNumbers } from "./adapter.ts";
import { type ColumnId, columnOf } from "./columns.ts";
import type { MissionSource, ProjectMission } from "./missions.ts";

export interface WpCard {
  id: string;
  title: string;
  lane: StatusLane;
  column: ColumnId;
  phase: string;
  file: string;
  agent: string;
  agent_profile: string;
  shell_pid: string;
  execution_mode: string;
  /** Where the WP is worked on: the main checkout, a lane worktree, or null when it has no lane. */
  workspace_kind: "repo_root" | "lane_workspace" | null;
  execution_lane: string | null;
  /** Who moved it last (the latest status event's actor). */
  actor: string | null;
  assignee: string;
  last_transition_at: string | null;
  dependencies: string[];
  /** The dependencies that keep it from starting, with their lanes (null: no such WP). */
  blocked_by: { wp_id: string; lane: StatusLane | null }[];
  /** Planned with every dependency approved or done: `next` may hand it out. */
  ready: boolean;
  /** Two claimants claimed it (after a sync) and neither was kept yet. */
  double_claim: boolean;
  subtasks: SubtaskCount;
  review_cycles: number;
  /** The log knows the WP but tasks/ has no (readable) file for it. */
  prompt_file_missing: boolean;
  /** The log has moved it into a lane (false: planned by default, or a legacy lane). */
  has_status: boolean;
  /** Where `lane` comes from: the event log, a legacy lane folder or frontmatter `lane:`, or the default. */
  lane_source: LaneSource;
  /** In-progress WPs only, when staleness is checked: how long since the last commit in its workspace. */
  stale: StaleInfo | null;
  is_stale: boolean;
  worktree_exists: boolean | null;
}

export interface MissionView {
  key: string;
  mission_slug: string;
  mission_id: string | null;
  mission_number: string;
  mission_type: string;
  friendly_name: string;
  target_branch: string | null;
  /** The step of the mission state machine (`specify` … `done`); null when the mission cannot be read. */
  phase: Step | null;
  source: MissionSource;
  total_wps: number;
  done_wps: number;
  by_lane: Partial<Record<StatusLane, number>>;
  progress_percentage: number;
  ready_wps: string[];
  stale_wps: number;
  /** The newest status change of any of its WPs. */
  last_activity_at: string | null;
  work_packages: WpCard[];
  /** Where the lanes come from: the event log, or (missions from before it) legacy folders/frontmatter. */
  status_source: StatusSource | null;
  /** Files that could not be read or hold odd data; each names the file and never hides other WPs. */
  warnings: ViewWarning[];
  /** status.json could not be read (e.g. conflict markers after a merge): the log is the truth. */
  status_file_unreadable: boolean;
  /** WPs two claimants claimed (after a sync), with every claim; `agent status resolve-claim` keeps one. */
  claim_conflicts: ClaimConflict[];
  /** Why the mission could not be read (its files are named in the message); then it has no cards. */
  error: { code: string; message: string } | null;
}

export interface ViewOptions {
  /** Minutes without a commit before an in-progress WP is stale; null skips the check (no git runs). */
  staleThresholdMin: number | null;
  /** Environment for git (staleness). */
  env: Record<string, string | undefined>;
  /** Throw the error of an unreadable mission instead of returning a view with `error` set. */
  strict?: boolean;
  /** The project's shared mission numbers, read once by a caller that views every mission. */
  duplicates?: DuplicateNumbers;
}

function lookupLane(adapted: AdaptedMission, wpId: string): WpLane | null {
  if (!adapted.manifest) return null;
  try {
    return laneForWp(adapted.mission, wpId, adapted.manifest);
  } catch (error) {
    if (isSpecKittyError(error)) return null; // a WP missing from lanes.json has no workspace, not an error
    throw error;
  }
}

function tasksMdCounts(adapted: AdaptedMission): Map<string, SubtaskCount> {
  const path = join(adapted.mission.dir, "tasks.md");
  if (!existsSync(path)) return new Map();
  return subtaskCounts(readTextFile(path, `kitty-specs/${adapted.mission.slug}/tasks.md`));
}

function card(
  adapted: AdaptedMission,
  wp: AdaptedWp,
  subtasks: SubtaskCount | undefined,
  options: ViewOptions,
): WpCard {
  const lane = lookupLane(adapted, wp.id);
  let stale: StaleInfo | null = null;
  let worktreeExists: boolean | null = null;
  if (wp.lane === "in_progress" && options.staleThresholdMin !== null) {
    stale = lane
      ? staleness(lane.workspacePath, options.staleThresholdMin, options.env)
      : { status: "unknown", reason: "WP has no lane", minutes_since_commit: null, last_commit_time: null };
    worktreeExists = lane !== null && stale.reason !== "workspace does not exist";
  }
  return {
    id: wp.id,
    title: wp.title,
    lane: wp.lane,
    column: columnOf(wp.lane),
    phase: wp.phase,
    file: wp.file,
    agent: wp.agent,
    agent_profile: wp.agentProfile,
    shell_pid: wp.shellPid,
    execution_mode: wp.executionMode,
    workspace_kind: lane === null ? null : lane.isMainCheckout ? "repo_root" : "lane_workspace",
    execution_lane: lane?.laneId ?? null,
    actor: wp.actor,
    assignee: wp.assignee,
    last_transition_at: wp.lastTransitionAt,
    dependencies: wp.dependencies,
    blocked_by: wp.unmet.map((dep) => ({ wp_id: dep.wpId, lane: dep.lane })),
    ready: wp.lane === "planned" && wp.unmet.length === 0,
    double_claim: adapted.claimConflicts.some((c) => c.wp_id === wp.id),
    subtasks: subtasks ?? { done: 0, total: 0 },
    review_cycles: wp.wp ? reviewCycleNumbers(wp.wp).length : 0,
    prompt_file_missing: wp.promptFileMissing,
    has_status: wp.hasStatus,
    lane_source: wp.laneSource,
    stale,
    is_stale: stale?.status === "stale",
    worktree_exists: worktreeExists,
  };
}

function isSystemError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

function identity(pm: ProjectMission) {
  const meta = pm.mission?.meta ?? {};
  return {
    key: pm.key,
    mission_slug: pm.key,
    mission_id: pm.mission?.missionId ?? null,
    friendly_name: typeof meta.friendly_name === "string" ? meta.friendly_name : "",
    source: pm.source,
  };
}

function failed(pm: ProjectMission, error: { code: string; message: string }): MissionView {
  return {
    ...identity(pm),
    mission_number: /^(\d+)-/.exec(pm.key)?.[1] ?? "",
    mission_type: "",
    target_branch: pm.mission?.meta.target_branch ?? null,
    phase: null,
    total_wps: 0,
    done_wps: 0,
    by_lane: {},
    progress_percentage: 0,
    ready_wps: [],
    stale_wps: 0,
    last_activity_at: null,
    work_packages: [],
    status_source: null,
    warnings: [],
    status_file_unreadable: false,
    claim_conflicts: [],
    error,
  };
}

/** The view of one mission. A mission whose files cannot be read is a view with `error` set, never a throw. */
export function missionView(pm: ProjectMission, options: ViewOptions): MissionView {
  if (!pm.mission) return failed(pm, pm.error ?? { code: "INVALID_FILE", message: "unreadable mission" });
  if (options.strict) return build(pm, pm.mission, options);
  try {
    return build(pm, pm.mission, options);
  } catch (error) {
    if (isSpecKittyError(error)) return failed(pm, { code: error.code, message: error.message });
    // A file that vanished or turned unreadable while it was read (a checkout, a rename): say so; the
    // next change re-reads the mission.
    if (isSystemError(error)) return failed(pm, { code: "READ_FAILED", message: error.message });
    throw error;
  }
}

function build(pm: ProjectMission, mission: MissionRef, options: ViewOptions): MissionView {
  const adapted = adaptMission(mission, options.duplicates);
  const counts = tasksMdCounts(adapted);
  const cards = adapted.wps.map((wp) => card(adapted, wp, counts.get(wp.id), options));
  const times = cards.flatMap((c) => (c.last_transition_at ? [c.last_transition_at] : [])).sort();
  return {
    ...identity(pm),
    mission_number: adapted.number,
    mission_type: adapted.type,
    target_branch: adapted.targetBranch,
    phase: adapted.step,
    total_wps: cards.length,
    done_wps: cards.filter((c) => c.lane === "done").length,
    by_lane: adapted.byLane,
    progress_percentage: adapted.progress,
    ready_wps: cards.filter((c) => c.ready).map((c) => c.id),
    stale_wps: cards.filter((c) => c.is_stale).length,
    last_activity_at: times.at(-1) ?? null,
    work_packages: cards,
    status_source: adapted.statusSource,
    warnings: adapted.warnings,
    status_file_unreadable: adapted.statusFileUnreadable,
    claim_conflicts: adapted.claimConflicts,
    error: null,
  };
}
