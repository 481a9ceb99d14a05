import { defineCommand } from "citty";
import { say, style, warn } from "../../../cli/output.ts";
import { PLANNING_LANE } from "../../../core/lanes/compute.ts";
import { emitMissionJson } from "./_emit.ts";
import { finalizeArgs, runFinalize } from "./_finalize.ts";

export default defineCommand({
  meta: {
    name: "finalize-tasks",
    description:
      "Validate tasks.md and the WP files, then write dependencies, ownership, status and lanes.json\n" +
      "Everything is checked first (ids, dependencies, cycles, frontmatter, overlapping owned files);\n" +
      "if anything fails nothing is written. Dependencies set in a WP's frontmatter are kept as they are.",
  },
  args: finalizeArgs,
  run: async ({ args }) => {
    const { mission, result, modified, unchanged, preserved } = await runFinalize(args, false);
    const { plan, bootstrap, collapse } = result;
    const lanes = {
      computed: true,
      count: plan.lanes.lanes.length,
      lane_ids: plan.lanes.lanes.map((l) => l.lane_id),
      planning_artifact_wps: plan.lanes.planningArtifactWps,
      collapse_report: collapse,
    };
    const deps = Object.fromEntries(plan.wps.map((wp) => [wp.id, wp.dependencies]));
    const refs = Object.fromEntries(plan.wps.map((wp) => [wp.id, wp.requirementRefs]));
    const warnings = [...plan.warnings, ...(result.commit?.warning ? [result.commit.warning] : [])];
    if (args.json && result.validateOnly) {
      emitMissionJson({
        result: "validation_passed",
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        wp_count: plan.wps.length,
        validate_only: true,
        would_modify: plan.wps
          .filter((wp) => wp.modified)
          .map((wp) => ({ wp_id: wp.id, changes: wp.changes })),
        would_preserve: preserved,
        unchanged,
        updated_wp_count: modified.length,
        dependencies_parsed: deps,
        ownership_warnings: warnings,
        validation: { bootstrap_preview: bootstrap, lanes_preview: lanes },
        message: "Validation passed; nothing was written.",
      });
      return;
    }
    if (args.json) {
      emitMissionJson({
        result: "success",
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        wp_count: plan.wps.length,
        updated_wp_count: modified.length,
        modified_wps: modified,
        unchanged_wps: unchanged,
        preserved_wps: preserved,
        tasks_dir: `${mission.dir}/tasks`,
        commit_created: result.commit?.committed ?? false,
        commit_hash: result.commit?.hash ?? null,
        files_written: result.filesWritten,
        dependencies_parsed: deps,
        requirement_refs_parsed: refs,
        bootstrap,
        lanes,
        ownership_warnings: warnings,
      });
      return;
    }
    for (const line of warnings) warn(line);
    const head = result.validateOnly
      ? `${style.green("Validated (nothing written)")} ${mission.slug}: ${plan.wps.length} WPs, ${modified.length} would be updated`
      : `${style.green("Finalized")} ${mission.slug}: ${plan.wps.length} WPs, ${modified.length} updated`;
    say(head);
    for (const lane of plan.lanes.lanes) {
      // Why WPs share a lane (a lane's WPs are worked on one after another, in one worktree).
      const why = (collapse?.events ?? [])
        .filter((e) => lane.wp_ids.includes(e.wp_a) && lane.wp_ids.includes(e.wp_b))
        .map((e) =>
          e.rule === "dependency" ? e.evidence : `${e.wp_a} and ${e.wp_b} share files, ${e.evidence}`,
        );
      if (lane.lane_id === PLANNING_LANE && lane.wp_ids.length > 1)
        why.push("planning-artifact WPs are all worked on in the main checkout");
      say(
        `  ${style.bold(lane.lane_id)}: ${lane.wp_ids.join(", ")}${why.length ? ` (${why.join("; ")})` : ""}`,
      );
    }
  },
});
