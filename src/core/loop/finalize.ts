/**
 * finalize-tasks, phase 2: write what phase 1 computed: WP frontmatter, then status bootstrap, then
 * lanes.json, then (only with agents.auto_commit) a commit of exactly those files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { nowIso } from "../clock.ts";
import { autoCommitEnabled } from "../config.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkDestinations } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { CommitOutcome } from "../git/commit.ts";
import { writeAttributesFile } from "../git/drivers.ts";
import { collapseReport } from "../lanes/compute.ts";
import { lanesPath, serializeLanes } from "../lanes/file.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { readMissionView } from "../mission-view/read.ts";
import { bootstrapStatus } from "../status/bootstrap.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { snapshotPath } from "../status/materialize.ts";
import { hasLane } from "../status/reducer.ts";
import { eventsPath } from "../status/store.ts";
import { commitMissionFiles } from "./commit.ts";
import { type FinalizePlan, planFinalize } from "./finalize-plan.ts";

export interface FinalizeResult {
  plan: FinalizePlan;
  validateOnly: boolean;
  bootstrap: { total_wps: number; newly_seeded: number; already_initialized: number };
  collapse: ReturnType<typeof collapseReport>;
  commit: CommitOutcome | null;
  filesWritten: string[];
}

export interface FinalizeOptions {
  currentBranch: string;
  validateOnly?: boolean;
  /** `agent tasks finalize-tasks`: dependencies + status only; no ownership fields, lanes.json or commit. */
  light?: boolean;
  env?: Record<string, string | undefined>;
}

/** Whether lanes.json already says what `text` says, apart from when it was computed. */
function sameLanes(path: string, text: string): boolean {
  if (!existsSync(path)) return false;
  const strip = (raw: string) => {
    try {
      const { computed_at: _at, ...rest } = JSON.parse(raw) as Record<string, unknown>;
      return JSON.stringify(rest);
    } catch {
      return null;
    }
  };
  const current = strip(readTextFile(path, path));
  return current !== null && current === strip(text);
}

export async function finalizeTasks(mission: MissionRef, options: FinalizeOptions): Promise<FinalizeResult> {
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  const plan = planFinalize(mission, options.currentBranch, options.light);
  const ids = plan.wps.map((wp) => wp.id);
  const known = loadSnapshot(mission).work_packages;
  const already = ids.filter((id) => hasLane(known[id])).length;
  const bootstrap = {
    total_wps: ids.length,
    newly_seeded: ids.length - already,
    already_initialized: already,
  };
  const collapse = collapseReport(plan.lanes.collapseEvents, plan.deps);
  // Every destination is checked before the first write (lanes.json being a directory, a hard-linked
  // WP file, a log that is a FIFO…): a refusal leaves every file as it was.
  checkDestinations(mission.root, [
    ...plan.wps.filter((wp) => wp.modified).map((wp) => wp.file.path),
    eventsPath(mission),
    snapshotPath(mission),
    ...(options.light ? [] : [lanesPath(mission)]),
  ]);
  if (options.validateOnly) {
    return { plan, validateOnly: true, bootstrap, collapse, commit: null, filesWritten: [] };
  }

  const written: string[] = [];
  for (const wp of plan.wps) {
    if (!wp.modified) continue;
    // No fsync per WP file: it measured ~45% of finalize time (1.1 s of 2.4 s at 3,000 WPs). The rename
    // still means no reader or crash ever sees a torn file, and after a power loss a re-run of
    // finalize-tasks recomputes the same frontmatter (the log and lanes.json below keep their fsync).
    writeFileAtomic(wp.file.path, wp.newText, { fsync: false });
    written.push(wp.file.path);
  }
  // A mission from before the event log keeps the lanes its folders or frontmatter give.
  const view = readMissionView(mission);
  const legacy = Object.fromEntries(
    view.wps
      .filter((wp) => wp.laneSource === "lane_folder" || wp.laneSource === "frontmatter")
      .map((wp) => [wp.id, wp.lane]),
  );
  const seeded = await bootstrapStatus(mission, ids, "finalize-tasks", undefined, legacy);
  bootstrap.newly_seeded = seeded.length;
  bootstrap.already_initialized = ids.length - seeded.length;
  if (options.light)
    return { plan, validateOnly: false, bootstrap, collapse, commit: null, filesWritten: written };
  const lanesFile = lanesPath(mission);
  // Rewritten only when the lanes change: a re-run (on a merged mission, say) keeps the file as it is.
  const lanesText = serializeLanes(mission, plan.targetBranch, plan.lanes, collapse, nowIso());
  if (!sameLanes(lanesFile, lanesText)) {
    writeFileAtomic(lanesFile, lanesText);
    written.push(lanesFile);
  }
  // The status files' merge rules, for a project that has none yet (a new file; never an edit).
  const attributes = writeAttributesFile(mission.root);
  if (attributes) written.push(join(mission.root, attributes));

  let commit: CommitOutcome | null = null;
  if (autoCommit) {
    const own = [...new Set([join(mission.dir, "tasks.md"), ...written])].filter((p) => existsSync(p));
    const status = [eventsPath(mission), snapshotPath(mission)].filter((p) => existsSync(p));
    commit = commitMissionFiles(
      mission,
      { own, status },
      `Add tasks for mission ${mission.slug}`,
      options.env,
    );
  }
  return { plan, validateOnly: false, bootstrap, collapse, commit, filesWritten: written };
}
