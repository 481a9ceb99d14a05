/**
 * `spec-kitty upgrade`: every migration plans into one overlay first (nothing touches the disk), the
 * plan is shown or applied, and applied migrations are recorded in metadata.yaml. A project already in
 * the current layout gives an empty plan, so a second run changes nothing. Never commits.
 */
import { existsSync } from "node:fs";
import { CONFIG_FILE, METADATA_FILE, parseProjectConfig } from "../config.ts";
import { type AppliedMigration, withUpgradeRecorded } from "../config-edit.ts";
import { SpecKittyError } from "../errors.ts";
import { backupDirFor, commitChanges, prepareChanges } from "../fs/changeset.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { renderMetadata } from "../init/files.ts";
import { checkMissionsContained } from "../mission/contained.ts";
import { listMissions } from "../mission/resolve.ts";
import { readManifest } from "../owned/manifest-read.ts";
import { compareVersions, parseVersion } from "../release/version.ts";
import { appendTransitions } from "../status/emit.ts";
import { charterMigration } from "./migrations/charter-rename.ts";
import { codexSkillsMigration } from "./migrations/codex-skills.ts";
import { featureSlugMigration } from "./migrations/feature-slug.ts";
import { laneEventsMigration } from "./migrations/lane-events.ts";
import { missionIdMigration } from "./migrations/mission-ids.ts";
import { ownedRefreshMigration } from "./migrations/owned-refresh.ts";
import { staleCommandsMigration } from "./migrations/stale-commands.ts";
import { Overlay } from "./overlay.ts";
import type { Migration, MigrationOutcome, PendingEvent, PlannedStep, UpgradeContext } from "./types.ts";
import { assertNotTooNew, projectVersions } from "./version-gate.ts";

/** In order: identity first (later steps name missions by it), owned files last. */
export const MIGRATIONS: readonly Migration[] = [
  featureSlugMigration,
  missionIdMigration,
  laneEventsMigration,
  charterMigration,
  codexSkillsMigration,
  staleCommandsMigration,
  ownedRefreshMigration,
];

export const UPGRADE_ACTOR = "spec-kitty upgrade";

export interface MigrationReport {
  id: string;
  description: string;
  status: "applied" | "pending" | "not_applicable";
  steps: PlannedStep[];
  conflicts: { path: string; reason: string }[];
}

export interface UpgradeResult {
  result: "upgraded" | "dry_run" | "up_to_date";
  projectVersion: string | null;
  binaryVersion: string;
  migrations: MigrationReport[];
  /** metadata.yaml changes (migrations recorded, version raised). */
  metadataChanged: boolean;
  backups: string[];
  eventsAppended: number;
}

export interface UpgradeOptions {
  root: string;
  version: string;
  dryRun: boolean;
  now?: Date;
  env?: Record<string, string | undefined>;
}

function timestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19)}+00:00`;
}

function metadataText(root: string, version: string, now: Date): string {
  const path = containedPath(root, METADATA_FILE);
  if (existsSync(path)) return readTextFile(path, METADATA_FILE);
  // A project without metadata.yaml gets the one init would have written, then records the upgrade.
  return renderMetadata(version, { platform: process.platform, arch: process.arch, now });
}

function raisesVersion(recorded: string | null, binary: string): boolean {
  const a = recorded === null ? null : parseVersion(recorded);
  const b = parseVersion(binary);
  return b !== null && (a === null || compareVersions(b, a) > 0);
}

/**
 * Lands a plan: every file change is checked first (a refused destination or backup writes nothing,
 * events included), then status events (through the one status write path), then every file change
 * at once. If a file write fails after the events, a re-run finds the log in place and redoes the files.
 */
export async function applyPlan(
  root: string,
  overlay: Overlay,
  events: readonly PendingEvent[],
  now: Date,
): Promise<{ eventsAppended: number; backups: string[] }> {
  const prepared = prepareChanges(root, overlay.changes(), {
    backupDir: backupDirFor(now),
    pruneEmptyDirs: true,
  });
  const eventsAppended = await appendEvents(events);
  const { backups } = commitChanges(prepared);
  return { eventsAppended, backups };
}

async function appendEvents(events: readonly PendingEvent[]): Promise<number> {
  let count = 0;
  const missions = [...new Set(events.map((e) => e.mission))];
  for (const mission of missions) {
    const mine = events.filter((e) => e.mission === mission);
    const created = await appendTransitions(mission, (snapshot) =>
      // Re-checked under the lock: WPs that got events meanwhile are left alone.
      mine
        .filter((e) => snapshot.work_packages[e.wpId] === undefined)
        .map((e) => ({ wpId: e.wpId, to: e.to, actor: UPGRADE_ACTOR, force: true, reason: e.reason })),
    );
    count += created.length;
  }
  return count;
}

export async function runUpgrade(options: UpgradeOptions): Promise<UpgradeResult> {
  const { root, version } = options;
  const now = options.now ?? new Date();
  const missions = listMissions(root);
  checkMissionsContained(root, missions);
  const configPath = containedPath(root, CONFIG_FILE);
  if (!existsSync(configPath)) {
    throw new SpecKittyError("NOT_A_PROJECT", `${root} has no ${CONFIG_FILE}`, {
      fix: "run `spec-kitty init --ai <keys>` to set the project up",
    });
  }
  const agents = parseProjectConfig(readTextFile(configPath, CONFIG_FILE), CONFIG_FILE).agents.available;
  const manifest = readManifest(root);
  const versions = projectVersions(root, manifest);
  assertNotTooNew(versions, version);

  const overlay = new Overlay(root);
  const ctx: UpgradeContext = { root, version, now, agents, manifest, missions, overlay };
  const outcomes: [Migration, MigrationOutcome][] = MIGRATIONS.map((m) => [m, m.plan(ctx)]);
  const applicable = outcomes.filter(([, o]) => o.steps.length > 0 || o.events.length > 0);

  const records: AppliedMigration[] = applicable.map(([m, o]) => ({
    id: m.id,
    applied_at: timestamp(now),
    result: "success",
    notes: [`${o.steps.length} change(s)`, o.conflicts.length ? `${o.conflicts.length} kept for review` : ""]
      .filter(Boolean)
      .join("; "),
  }));
  const bump = raisesVersion(versions.metadata, version);
  const metadataChanged = records.length > 0 || bump;
  if (metadataChanged) {
    const text = withUpgradeRecorded(
      metadataText(root, version, now),
      records,
      bump ? version : null,
      timestamp(now),
    );
    overlay.write(METADATA_FILE, text);
  }

  const report = (status: MigrationReport["status"]): MigrationReport[] =>
    outcomes.map(([m, o]) => ({
      id: m.id,
      description: m.description,
      status: o.steps.length || o.events.length ? status : "not_applicable",
      steps: o.steps,
      conflicts: o.conflicts,
    }));
  const base = { projectVersion: versions.metadata, binaryVersion: version, metadataChanged };
  if (!metadataChanged) {
    return { ...base, result: "up_to_date", migrations: report("applied"), backups: [], eventsAppended: 0 };
  }
  if (options.dryRun) {
    return { ...base, result: "dry_run", migrations: report("pending"), backups: [], eventsAppended: 0 };
  }
  // Every file checked, then events: if a later write fails, a re-run finds the log in place and only
  // redoes the files.
  const { eventsAppended, backups } = await applyPlan(
    root,
    overlay,
    applicable.flatMap(([, o]) => o.events),
    now,
  );
  return { ...base, result: "upgraded", migrations: report("applied"), backups, eventsAppended };
}
