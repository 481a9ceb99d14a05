/**
 * What `mission list|current|info` show about our missions (not mission types): identity, the step
 * the mission is in, its progress and branches. Every mission's state comes through `missionPhase`, the
 * one place that reads it, so a change in how mission state is read touches only that function.
 */
import { relative } from "node:path";
import { isSpecKittyError } from "../errors.ts";
import { currentBranch } from "../git/facts.ts";
import { missionBranchName } from "../lanes/file.ts";
import { currentStep, STEP_ACTION, type Step } from "../loop/phase.ts";
import { type Progress, progressOf } from "../loop/progress.ts";
import { type MissionState, readMissionState } from "../loop/state.ts";
import { listMissions, type MissionRef } from "../mission/resolve.ts";
import { missionIdentity } from "../status/materialize.ts";

export interface MissionPhase {
  state: MissionState;
  step: Step;
  progress: Progress | null;
}

/** THE read of one mission's state for these views. */
export function missionPhase(mission: MissionRef): MissionPhase {
  const state = readMissionState(mission);
  return { state, step: currentStep(state), progress: progressOf(state) };
}

export interface MissionSummary {
  /** Display number: from meta.json or the directory name; null for unnumbered (mid8-era) missions. */
  number: number | null;
  /** Directory name under kitty-specs/. */
  slug: string;
  mission_slug: string;
  mission_id: string | null;
  mission_type: string;
  friendly_name: string | null;
  /** The step the mission is in (specify … merge, done), and the action that carries it out. */
  phase: Step | null;
  next_action: string | null;
  progress: Progress | null;
  target_branch: string | null;
  mission_branch: string;
  /** Project-relative directory. */
  path: string;
  /** Set when the mission's files could not be read; the other fields are then what meta.json gives. */
  error: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function summarize(mission: MissionRef): MissionSummary {
  const { number, type } = missionIdentity(mission);
  const base = {
    number: /^\d+$/.test(String(number)) ? Number(number) : null,
    slug: mission.slug,
    mission_slug: text(mission.meta.mission_slug) ?? text(mission.meta.slug) ?? mission.slug,
    mission_id: mission.missionId,
    mission_type: type,
    friendly_name: text(mission.meta.friendly_name),
    target_branch: text(mission.meta.target_branch),
    mission_branch: missionBranchName(mission.slug),
    path: relative(mission.root, mission.dir),
  };
  try {
    const view = missionPhase(mission);
    return {
      ...base,
      phase: view.step,
      next_action: STEP_ACTION[view.step],
      progress: view.progress,
      error: null,
    };
  } catch (error) {
    // One broken mission never hides the others: it is listed with the reason.
    if (!isSpecKittyError(error)) throw error;
    return { ...base, phase: null, next_action: null, progress: null, error: error.message };
  }
}

export function summarizeAll(root: string): MissionSummary[] {
  return listMissions(root).map(summarize);
}

export interface CurrentMission {
  mission: MissionRef;
  /** How it was found: the lane or mission branch checked out, or the mission folder cwd is in. */
  via: "branch" | "directory";
  branch: string | null;
  /** The execution lane of the worktree, when cwd is in a lane worktree. */
  lane: string | null;
}

/**
 * The mission the user stands in: cwd inside `kitty-specs/<mission>/`, or a checkout whose branch is
 * the mission's (`kitty/mission-<slug>`), one of its lanes (`kitty/mission-<slug>-lane-x`), or named
 * like the mission's directory (older spec-kitty). Null when nothing points at one.
 */
export function detectCurrentMission(
  root: string,
  cwd: string,
  env?: Record<string, string | undefined>,
): CurrentMission | null {
  const missions = listMissions(root);
  const rel = relative(root, cwd).split("/");
  if (rel[0] === "kitty-specs" && rel[1]) {
    const found = missions.find((m) => m.slug === rel[1]);
    if (found) return { mission: found, via: "directory", branch: null, lane: null };
  }
  const branch = currentBranch(cwd, { env });
  if (branch === null) return null;
  const bySlugLength = [...missions].sort((a, b) => b.slug.length - a.slug.length);
  const rest = branch.startsWith("kitty/mission-") ? branch.slice("kitty/mission-".length) : null;
  for (const mission of bySlugLength) {
    if (rest === mission.slug) return { mission, via: "branch", branch, lane: null };
    if (rest?.startsWith(`${mission.slug}-lane-`))
      return { mission, via: "branch", branch, lane: rest.slice(mission.slug.length + 1) };
    if (branch === mission.slug) return { mission, via: "branch", branch, lane: null };
  }
  return null;
}
