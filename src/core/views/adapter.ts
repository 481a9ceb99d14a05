/**
 * THE adapter between how a mission is read and what the views show. The mission view
 * (views/mission.ts: every WP the log or tasks/ knows, with its lane and runtime state) is read ONCE
 * and handed to the board (lanes, titles, progress) and to the loop's state (dependencies, the step);
 * this file joins the two for the dashboard and the terminal boards.
 */
import { isSpecKittyError } from "../errors.ts";
import type { LanesManifest } from "../lanes/file.ts";
import { currentStep, type Step } from "../loop/phase.ts";
import { readMissionState, type UnmetDependency, unmetDependencies } from "../loop/state.ts";
import { duplicateNumbers, missionNumberOf } from "../mission/number.ts";
import type { MissionRef } from "../mission/resolve.ts";
import {
  type LaneSource,
  readMissionView,
  type StatusSource,
  type ViewWarning,
} from "../mission-view/read.ts";
import type { ClaimConflict } from "../status/claims.ts";
import type { StatusEvent } from "../status/event.ts";
import type { StatusLane } from "../status/lane.ts";
import { orderEvents } from "../status/reducer.ts";
import { readEvents } from "../status/store.ts";
import type { WpFile } from "../tasks/wp-file.ts";
import { findWpFile, scalarText } from "../tasks/wp-list.ts";
import { buildBoard } from "./board.ts";

export interface AdaptedWp {
  id: string;
  title: string;
  lane: StatusLane;
  /** Actor of the WP's latest status event; null when the log has none for it. */
  actor: string | null;
  lastTransitionAt: string | null;
  phase: string;
  /** File name in `tasks/` ('' when the WP has none). */
  file: string;
  agent: string;
  agentProfile: string;
  shellPid: string;
  assignee: string;
  executionMode: string;
  dependencies: string[];
  /** Dependencies not approved or done yet (THE dependency gate of `next` and the actions). */
  unmet: UnmetDependency[];
  /** The log knows the WP but tasks/ has no (readable) file for it. */
  promptFileMissing: boolean;
  hasStatus: boolean;
  laneSource: LaneSource;
  wp: WpFile | null;
}

export interface AdaptedMission {
  mission: MissionRef;
  number: string;
  type: string;
  step: Step;
  targetBranch: string | null;
  manifest: LanesManifest | null;
  /** Non-zero counts only, in lane order. */
  byLane: Partial<Record<StatusLane, number>>;
  /** Weighted progress (planned 0 … done 100), one decimal. */
  progress: number;
  wps: AdaptedWp[];
  statusSource: StatusSource;
  warnings: ViewWarning[];
  /** status.json could not be read (e.g. conflict markers left by a merge): it should be rebuilt. */
  statusFileUnreadable: boolean;
  /** WPs two claimants claimed (two clones, while apart), unresolved. */
  claimConflicts: ClaimConflict[];
}

/** Display number → the missions sharing it (`duplicateNumbers`), read once for a whole project. */
export type DuplicateNumbers = ReadonlyMap<number, readonly string[]>;

/** `duplicates`: the project's, when the caller adapts every mission (else read for this one). */
export function adaptMission(
  mission: MissionRef,
  duplicates: DuplicateNumbers = duplicateNumbers(mission.root),
): AdaptedMission {
  const view = readMissionView(mission);
  const board = buildBoard(mission, view);
  const state = readMissionState(mission, view);
  const stateById = new Map(state.wps.map((wp) => [wp.id, wp]));
  const wps = board.wps.map((row): AdaptedWp => {
    const wp = stateById.get(row.id);
    const status = state.snapshot.work_packages[row.id];
    return {
      id: row.id,
      title: row.title,
      lane: row.lane,
      actor: wp?.actor ?? null,
      lastTransitionAt: status?.last_transition_at ?? null,
      phase: row.phase,
      file: row.file,
      agent: row.agent,
      agentProfile: row.agent_profile,
      shellPid: row.shell_pid,
      assignee: scalarText(row.wp.state?.assignee ?? row.wp.file?.data.assignee),
      executionMode: row.execution_mode,
      dependencies: wp?.dependencies ?? [],
      unmet: wp ? unmetDependencies(state, wp) : [],
      promptFileMissing: row.prompt_file_missing,
      hasStatus: row.has_status,
      laneSource: row.lane_source,
      wp: row.wp.file,
    };
  });
  return {
    mission,
    number: board.missionNumber,
    type: board.missionType,
    step: currentStep(state),
    targetBranch: state.manifest?.targetBranch ?? mission.meta.target_branch ?? null,
    manifest: state.manifest,
    byLane: board.byLane,
    progress: board.progress,
    wps,
    statusSource: board.statusSource,
    warnings: [...board.warnings, ...numberWarnings(mission, duplicates)],
    statusFileUnreadable: view.statusFileUnreadable,
    claimConflicts: state.conflicts,
  };
}

/** Another mission folder with the same display number (two clones created one each). */
function numberWarnings(mission: MissionRef, duplicates: DuplicateNumbers): ViewWarning[] {
  const number = missionNumberOf(mission.slug);
  if (number === null) return [];
  const others = (duplicates.get(number) ?? []).filter((n) => n !== mission.slug);
  if (others.length === 0) return [];
  return [
    {
      code: "duplicate_mission_number",
      message: `${mission.slug} shares its number with ${others.join(", ")}; give one a new number: \`spec-kitty mission renumber --mission ${mission.slug}\``,
    },
  ];
}

/** One WP's status events in replay order: its history. */
export function wpEvents(mission: MissionRef, wpId: string): StatusEvent[] {
  return orderEvents(readEvents(mission)).filter((event) => event.wp_id === wpId);
}

/** One WP's file, read on its own; null when it has none (or it cannot be read: the board says why). */
export function wpFileOf(mission: MissionRef, wpId: string): WpFile | null {
  try {
    return findWpFile(mission, wpId);
  } catch (error) {
    if (isSpecKittyError(error)) return null;
    throw error;
  }
}
