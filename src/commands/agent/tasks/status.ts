import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { readProjectConfig } from "../../../core/config.ts";
import { UsageError } from "../../../core/errors.ts";
import { laneForWp } from "../../../core/lanes/lookup.ts";
import { materialize } from "../../../core/status/materialize.ts";
import { buildBoard } from "../../../core/views/board.ts";
import { type StaleInfo, staleness } from "../../../core/workspace/stale.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";
import { renderBoard } from "./_board.ts";

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Show the mission's kanban board (or its JSON)\n" +
      "Lanes come from the status event log; WP titles and agents from the WP files. Every WP the log\n" +
      "knows is shown (a missing WP file is flagged); a WP file without events is planned. A damaged\n" +
      "WP file is named in a warning and hides nothing else. In-progress WPs whose workspace has had no\n" +
      "commit for --stale-threshold minutes are flagged.",
  },
  args: {
    ...missionArg,
    staleThreshold: {
      type: "string",
      default: "10",
      description: "Minutes without a commit before an in-progress WP is stale",
      valueHint: "minutes",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const threshold = Number(args.staleThreshold);
    if (!Number.isFinite(threshold) || threshold < 0)
      throw new UsageError("--stale-threshold must be a number of minutes");
    const mission = missionFromArgs(args.mission);
    const board = buildBoard(mission);
    const warnings = [...board.warnings];
    if (board.view.statusFileUnreadable) {
      // status.json is derived and never trusted: one that a merge left unreadable is rebuilt here.
      await materialize(mission);
      warnings.push({ code: "status_json_rebuilt", message: "status.json was rebuilt from the event log" });
    }
    const manifest = board.view.manifest;
    const config = readProjectConfig(mission.root);
    const lane = (id: string) => {
      try {
        return manifest ? laneForWp(mission, id, manifest) : null;
      } catch {
        return null; // a WP missing from lanes.json is shown without a workspace, not an error
      }
    };
    const staleById = new Map<string, { info: StaleInfo; exists: boolean }>();
    for (const wp of board.wps) {
      if (wp.lane !== "in_progress") continue;
      const where = lane(wp.id)?.workspacePath ?? null;
      const info: StaleInfo = where
        ? staleness(where, threshold, io().env)
        : { status: "unknown", reason: "WP has no lane", minutes_since_commit: null, last_commit_time: null };
      staleById.set(wp.id, { info, exists: info.reason !== "workspace does not exist" && where !== null });
    }
    const stale = new Set([...staleById].filter(([, s]) => s.info.status === "stale").map(([id]) => id));
    if (args.json) {
      printJson({
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        mission_number: board.missionNumber,
        mission_type: board.missionType,
        total_wps: board.wps.length,
        by_lane: board.byLane,
        work_packages: board.wps.map(({ wp: _view, ...row }) => {
          const found = lane(row.id);
          const entry: Record<string, unknown> = {
            ...row,
            workspace_kind: found === null ? null : found.isMainCheckout ? "repo_root" : "lane_workspace",
          };
          const s = staleById.get(row.id);
          if (s) {
            entry.stale = s.info;
            entry.is_stale = s.info.status === "stale";
            entry.minutes_since_commit = s.info.minutes_since_commit;
            entry.worktree_exists = s.exists;
          }
          return entry;
        }),
        progress_percentage: board.progress,
        stale_wps: stale.size,
        auto_commit: config?.agents.autoCommit ?? false,
        // Ours, after upstream's keys: where the lanes come from, and what was odd on the way.
        status_source: board.statusSource,
        warnings,
      });
      return;
    }
    for (const w of warnings) warn(w.message);
    const columns = Number(io().env.COLUMNS);
    const width = Number.isFinite(columns) && columns > 0 ? Math.min(160, Math.max(60, columns)) : 100;
    say(...renderBoard(mission.slug, board, width, stale));
  },
});
