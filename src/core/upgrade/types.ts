/** The shape of one upgrade migration and what it reports. */
import type { MissionRef } from "../mission/resolve.ts";
import type { OwnedFilesManifest } from "../owned/manifest.ts";
import type { StatusLane } from "../status/lane.ts";
import type { Overlay } from "./overlay.ts";

export interface UpgradeContext {
  root: string;
  /** This binary's version. */
  version: string;
  now: Date;
  /** `agents.available` from config.yaml. */
  agents: string[];
  manifest: OwnedFilesManifest | null;
  missions: MissionRef[];
  overlay: Overlay;
}

export type StepAction = "create" | "update" | "delete" | "move" | "merge" | "replace" | "event";

/** One change a migration makes, for the plan shown to the user. */
export interface PlannedStep {
  path: string;
  action: StepAction;
  detail: string;
}

/** A status event the lane migration appends (through the one status write path). */
export interface PendingEvent {
  mission: MissionRef;
  wpId: string;
  to: StatusLane;
  reason: string;
}

/** What one migration will do. Empty `steps` and `events`: not applicable to this project. */
export interface MigrationOutcome {
  steps: PlannedStep[];
  events: PendingEvent[];
  /** Files left exactly as they are although the migration would change them (user edits, clashes). */
  conflicts: { path: string; reason: string }[];
}

export interface Migration {
  id: string;
  description: string;
  /** Plans the migration into `ctx.overlay` (never touching the disk). */
  plan(ctx: UpgradeContext): MigrationOutcome;
}

export const empty = (): MigrationOutcome => ({ steps: [], events: [], conflicts: [] });
