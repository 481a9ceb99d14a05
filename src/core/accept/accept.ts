/**
 * `spec-kitty accept`: run the checks; when they all pass, record who accepted the mission and when
 * in meta.json (re-read just before writing; `mission_id` and every other key are left untouched).
 */
import { join, relative } from "node:path";
import { checkActorName, defaultActor } from "../actor.ts";
import { nowIso } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath } from "../fs/safe-path.ts";
import { commitOwnFiles } from "../git/commit.ts";
import { readMissionMeta, serializeMissionMeta } from "../mission/meta-file.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type AcceptReport, checkAcceptance } from "./checks.ts";

export interface AcceptOutcome {
  report: AcceptReport;
  acceptedAt: string | null;
  acceptedBy: string | null;
  metaFile: string;
  commitWarning: string | null;
  /** True when the acceptance record was committed (auto-commit on and the commit worked). */
  committed: boolean;
}

/**
 * `actor` is `--actor` as given (checked like every actor); omitted or blank, who accepts is
 * your git e-mail, else the project's only agent tool (`defaultActor`, person first), asked only once the
 * mission turns out acceptable.
 */
export async function acceptMission(
  mission: MissionRef,
  requested: string | undefined,
  env?: Record<string, string | undefined>,
): Promise<AcceptOutcome> {
  const named = requested?.trim() ? checkActorName(requested, "--actor") : null;
  const metaFile = containedPath(mission.root, join(mission.dir, "meta.json"));
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  const report = checkAcceptance(mission, env);
  if (!report.acceptable)
    return { report, acceptedAt: null, acceptedBy: null, metaFile, commitWarning: null, committed: false };
  const actor = named ?? defaultActor(mission.root, env, "--actor", true);
  const recorded = recordAcceptance(mission, actor, env, autoCommit);
  return {
    report,
    acceptedAt: recorded.acceptedAt,
    acceptedBy: actor,
    metaFile,
    commitWarning: recorded.commitWarning,
    committed: recorded.committed,
  };
}

/**
 * Writes who accepted the mission and when into meta.json (re-read just before writing, every other
 * key kept), and commits it when auto-commit is on. `acceptMission` calls it once its checks pass;
 * `orchestrator-api accept-mission` calls it after its own (the original's) lane check.
 */
export function recordAcceptance(
  mission: MissionRef,
  actor: string,
  env?: Record<string, string | undefined>,
  autoCommit: boolean = autoCommitEnabled(mission.root),
): { acceptedAt: string; commitWarning: string | null; committed: boolean } {
  const metaFile = join(mission.dir, "meta.json");
  const name = relative(mission.root, metaFile);
  const meta = readMissionMeta(metaFile, name);
  const acceptedAt = nowIso();
  writeFileAtomic(metaFile, serializeMissionMeta({ ...meta, accepted_at: acceptedAt, accepted_by: actor }));
  if (!autoCommit) return { acceptedAt, commitWarning: null, committed: false };
  const commit = commitOwnFiles(mission.root, [name], `Accept ${mission.slug}`, env);
  return { acceptedAt, commitWarning: commit.warning, committed: commit.committed };
}
