/**
 * `spec-kitty validate-tasks`: finds WP lane state kept the pre-3.0 way (lane folders, frontmatter
 * `lane:`) that the event log does not own yet, and with `--fix` moves it into the log exactly as
 * upgrade's lane migration does (same planner, same write path).
 */
import { readProjectConfig } from "../config.ts";
import { checkMissionsContained } from "../mission/contained.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { readManifest } from "../owned/manifest-read.ts";
import { planMissionLanes } from "./migrations/lane-events.ts";
import { Overlay } from "./overlay.ts";
import { applyPlan } from "./run.ts";
import { empty, type MigrationOutcome, type UpgradeContext } from "./types.ts";

export interface MissionLaneReport {
  mission: string;
  /** What the migration would do (or did, with --fix): events to add, files to move or clean. */
  steps: MigrationOutcome["steps"];
  conflicts: MigrationOutcome["conflicts"];
}

export interface LegacyLaneResult {
  missions: MissionLaneReport[];
  fixed: boolean;
  eventsAppended: number;
}

export async function validateTasks(
  root: string,
  missions: readonly MissionRef[],
  options: { fix: boolean; version: string; now?: Date },
): Promise<LegacyLaneResult> {
  checkMissionsContained(root, missions);
  const now = options.now ?? new Date();
  const overlay = new Overlay(root);
  const ctx: UpgradeContext = {
    root,
    version: options.version,
    now,
    agents: readProjectConfig(root)?.agents.available ?? [],
    manifest: readManifest(root),
    missions: [...missions],
    overlay,
  };
  const reports: MissionLaneReport[] = [];
  const events: MigrationOutcome["events"] = [];
  for (const mission of missions) {
    const out = empty();
    planMissionLanes(ctx, mission, out);
    events.push(...out.events);
    if (out.steps.length || out.conflicts.length)
      reports.push({ mission: mission.slug, steps: out.steps, conflicts: out.conflicts });
  }
  const pending = reports.some((r) => r.steps.length > 0);
  if (!options.fix || !pending) return { missions: reports, fixed: false, eventsAppended: 0 };
  const { eventsAppended } = await applyPlan(root, overlay, events, now);
  return { missions: reports, fixed: true, eventsAppended };
}
