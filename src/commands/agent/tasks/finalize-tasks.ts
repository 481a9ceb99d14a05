import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { finalizeTasks } from "../../../core/tasks/finalize.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionContext } from "../mission/_context.ts";

export default defineCommand({
  meta: {
    name: "finalize-tasks",
    description:
      "Write tasks.md dependencies into WP files and give every WP its first status event\n" +
      "The light variant: no ownership fields and no lanes.json. Use `agent mission finalize-tasks`\n" +
      "to prepare a mission for implementation.",
  },
  args: {
    ...missionArg,
    validateOnly: { type: "boolean", description: "Check and report what would change; write nothing" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const { mission, current } = missionContext(args.mission);
    const result = await finalizeTasks(mission, {
      currentBranch: current,
      validateOnly: Boolean(args.validateOnly),
      light: true,
      env: io().env,
    });
    const { plan, bootstrap } = result;
    const modified = plan.wps.filter((wp) => wp.modified).map((wp) => wp.id);
    const payload = {
      result: result.validateOnly ? "validation_passed" : "success",
      validate_only: result.validateOnly,
      updated_wp_count: modified.length,
      modified_wps: modified,
      unchanged_wps: plan.wps.filter((wp) => !wp.modified).map((wp) => wp.id),
      preserved_wps: plan.wps.filter((wp) => wp.preserved).map((wp) => wp.id),
      dependencies: Object.fromEntries(plan.wps.map((wp) => [wp.id, wp.dependencies])),
      mission_slug: mission.slug,
      mission_id: mission.missionId,
      mission_number: mission.meta.mission_number ?? "",
      mission_type: mission.meta.mission_type ?? "software-dev",
      bootstrap,
      warnings: plan.warnings,
    };
    if (args.json) {
      printJson(payload);
      return;
    }
    for (const line of plan.warnings) warn(line);
    say(
      `${payload.result === "success" ? "Finalized" : "Validated"} ${mission.slug}: ${modified.length} WPs updated`,
    );
  },
});
