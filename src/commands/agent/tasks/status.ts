import { basename } from "node:path";
import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { configuredAgents } from "../../../core/actor.ts";
import { autoCommitEnabled } from "../../../core/config.ts";
import { LiveViews } from "../../../core/dashboard/live.ts";
import { duplicateNumbers } from "../../../core/mission/number.ts";
import { materialize } from "../../../core/status/materialize.ts";
import { type MissionView, missionView, type ViewOptions } from "../../../core/views/cards.ts";
import { findProjectMission, projectMissions, resolveProjectMission } from "../../../core/views/missions.ts";
import { jsonArg, missionArg, parseStaleThreshold, staleThresholdArg } from "../../_args.ts";
import { projectFromCwd } from "../../_mission.ts";
import { boardWidth, renderBoard } from "./_board.ts";
import { renderOverview } from "./_overview.ts";
import { checkWatchable, redrawUntilStopped } from "./_watch.ts";

/** The `--json` document of one mission: upstream's shape, built from the view every board shows. */
function missionDocument(view: MissionView, autoCommit: boolean) {
  return {
    mission_slug: view.mission_slug,
    mission_id: view.mission_id,
    mission_number: view.mission_number,
    mission_type: view.mission_type,
    total_wps: view.total_wps,
    by_lane: view.by_lane,
    work_packages: view.work_packages.map((wp) => {
      const entry: Record<string, unknown> = {
        id: wp.id,
        title: wp.title,
        lane: wp.lane,
        phase: wp.phase,
        file: wp.file,
        agent: wp.agent,
        agent_profile: wp.agent_profile,
        shell_pid: wp.shell_pid,
        execution_mode: wp.execution_mode,
        workspace_kind: wp.workspace_kind,
      };
      if (wp.stale) {
        entry.stale = wp.stale;
        entry.is_stale = wp.is_stale;
        entry.minutes_since_commit = wp.stale.minutes_since_commit;
        entry.worktree_exists = wp.worktree_exists;
      }
      // Ours, after upstream's keys.
      entry.prompt_file_missing = wp.prompt_file_missing;
      entry.has_status = wp.has_status;
      entry.lane_source = wp.lane_source;
      entry.double_claim = wp.double_claim;
      return entry;
    }),
    progress_percentage: view.progress_percentage,
    stale_wps: view.stale_wps,
    auto_commit: autoCommit,
    // Ours, after upstream's keys: where the lanes come from, what was odd on the way, double claims.
    status_source: view.status_source,
    warnings: view.warnings,
    claim_conflicts: view.claim_conflicts,
  };
}

/** The `--json` document of the overview: each mission's view without its cards. */
function overviewDocument(project: string, views: readonly MissionView[]) {
  return { project, missions: views.map(({ work_packages: _cards, ...mission }) => mission) };
}

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Show the kanban board of a mission, or an overview of every mission (or their JSON)\n" +
      "Without --mission: one line per mission (its step, progress, ready WPs), including missions that\n" +
      "exist only in a lane worktree. With --mission: the board, with dependencies and ready WPs. Lanes\n" +
      "come from the status event log; in-progress WPs whose workspace has had no commit for\n" +
      "--stale-threshold minutes are flagged. --watch redraws whenever the files change.",
  },
  args: {
    ...missionArg,
    ...staleThresholdArg,
    watch: { type: "boolean", description: "Redraw on every change until Ctrl-C (a terminal only)" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const threshold = parseStaleThreshold(args.staleThreshold);
    if (args.watch) checkWatchable(args.json);
    const root = projectFromCwd();
    const project = basename(root);
    const options: ViewOptions = { staleThresholdMin: threshold, env: io().env };
    const width = () => boardWidth(io().columns);

    if (args.mission === undefined) {
      if (args.watch) {
        const views = new LiveViews(root, options);
        views.load();
        await redrawUntilStopped(
          root,
          (keys) => views.refresh(keys),
          () => renderOverview(project, views.list(), width()),
        );
        return;
      }
      const duplicates = duplicateNumbers(root);
      const views = projectMissions(root).map((pm) => missionView(pm, { ...options, duplicates }));
      if (args.json) printJson(overviewDocument(project, views));
      else say(...renderOverview(project, views, width()));
      return;
    }

    const pm = resolveProjectMission(root, args.mission);
    let view = missionView(pm, { ...options, strict: true });
    if (view.status_file_unreadable && pm.mission) {
      // status.json is derived and never trusted: one that a merge left unreadable is rebuilt here.
      await materialize(pm.mission);
      const rebuilt = { code: "status_json_rebuilt", message: "status.json was rebuilt from the event log" };
      view = { ...view, warnings: [...view.warnings, rebuilt], status_file_unreadable: false };
    }
    if (args.json) {
      printJson(missionDocument(view, autoCommitEnabled(root)));
      return;
    }
    for (const w of view.warnings) warn(w.message);
    // The hint's `--agent`: one that works here, the project's agent tool (the first of several).
    const agent = configuredAgents(root)[0];
    if (!args.watch) {
      say(...renderBoard(view, width(), agent));
      return;
    }
    let current = view;
    let gone = false;
    await redrawUntilStopped(
      root,
      (keys) => {
        if (keys !== null && !keys.has(pm.key)) return;
        const fresh = findProjectMission(root, pm.key);
        gone = fresh === null;
        if (fresh) current = missionView(fresh, options);
      },
      () => {
        if (current.error) return [`Mission ${current.mission_slug}: ${current.error.message}`];
        const board = renderBoard(current, width(), agent);
        return gone ? [`Mission ${pm.key} is gone from disk; its last board:`, "", ...board] : board;
      },
    );
  },
});
