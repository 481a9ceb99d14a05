import { defineCommand } from "citty";
import { printJson, say } from "../../cli/output.ts";
import { PLANNING_LANE } from "../../core/lanes/compute.ts";
import { laneBranchName, laneWorktreePath } from "../../core/lanes/lookup.ts";
import { missionPhase, summarize } from "../../core/views/mission-summary.ts";
import { jsonArg } from "../_args.ts";
import { missionFromArgs } from "../_mission.ts";
import { summaryJson, summaryLines } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "info",
    description:
      "Show one mission: identity, phase, progress, work packages and lanes\n" +
      "The mission is a slug, numbered slug (001-x), number, or mission_id (full ULID or unique prefix).",
  },
  args: {
    mission: {
      type: "positional",
      required: true,
      valueHint: "mission",
      description: "Mission slug, number or mission_id",
    },
    ...jsonArg,
  },
  run: ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const { root } = mission;
    const summary = summarize(mission);
    const view = summary.error ? null : missionPhase(mission);
    const wps = (view?.state.wps ?? []).map((wp) => ({
      wp_id: wp.id,
      title: wp.title,
      lane: wp.lane,
      dependencies: wp.dependencies,
      actor: wp.actor,
    }));
    const lanes = (view?.state.manifest?.lanes ?? []).map((lane) => ({
      lane_id: lane.lane_id,
      wp_ids: lane.wp_ids,
      branch:
        lane.lane_id === PLANNING_LANE ? summary.target_branch : laneBranchName(mission.slug, lane.lane_id),
      worktree: lane.lane_id === PLANNING_LANE ? null : laneWorktreePath(root, mission.slug, lane.lane_id),
    }));
    const files = view
      ? { spec: view.state.specWritten, plan: view.state.planWritten, tasks: view.state.tasksMdExists }
      : null;
    if (args.json) {
      printJson({
        ...summaryJson(summary),
        artifacts: files,
        work_packages: wps,
        lanes,
        accepted: view?.state.accepted ?? false,
      });
      return;
    }
    const lines = summaryLines(summary);
    if (files)
      lines.push(
        `  written:        spec ${files.spec ? "yes" : "no"}, plan ${files.plan ? "yes" : "no"}, tasks.md ${files.tasks ? "yes" : "no"}`,
      );
    if (wps.length) {
      lines.push("", "Work packages:");
      for (const wp of wps)
        lines.push(
          `  ${wp.wp_id}  ${wp.lane.padEnd(11)} ${wp.title}${wp.dependencies.length ? `  (after ${wp.dependencies.join(", ")})` : ""}`,
        );
    }
    if (lanes.length) {
      lines.push("", "Lanes:");
      for (const lane of lanes)
        lines.push(`  ${lane.lane_id.padEnd(14)} ${lane.wp_ids.join(", ")}  → ${lane.branch ?? "-"}`);
    }
    say(...lines);
  },
});
