import { defineCommand } from "citty";
import { printJson, say, warn } from "../../../cli/output.ts";
import { finalizeArgs, runFinalize } from "../mission/_finalize.ts";

export default defineCommand({
  meta: {
    name: "finalize-tasks",
    description:
      "Write tasks.md dependencies into WP files and give every WP its first status event\n" +
      "The light variant: no ownership fields and no lanes.json. Use `agent mission finalize-tasks`\n" +
      "to prepare a mission for implementation.",
  },
  args: finalizeArgs,
  run: async ({ args }) => {
    const { mission, result, modified, unchanged, preserved } = await runFinalize(args, true);
    const { plan, bootstrap } = result;
    const payload = {
      result: result.validateOnly ? "validation_passed" : "success",
      validate_only: result.validateOnly,
      updated_wp_count: modified.length,
      modified_wps: modified,
      unchanged_wps: unchanged,
      preserved_wps: preserved,
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
