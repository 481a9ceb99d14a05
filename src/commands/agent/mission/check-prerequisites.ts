import { defineCommand } from "citty";
import { say, style } from "../../../cli/output.ts";
import { branchContract } from "../../../core/mission/branch-contract.ts";
import { checkPrerequisites } from "../../../core/mission/prerequisites.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionContext } from "./_context.ts";
import { emitMissionJson } from "./_emit.ts";

export default defineCommand({
  meta: {
    name: "check-prerequisites",
    description:
      "Report a mission's planning files and whether the next step can start\n" +
      "Exits 1 when a required file (spec.md, and tasks.md with --include-tasks) is missing.",
  },
  args: {
    ...missionArg,
    pathsOnly: { type: "boolean", description: "Print only the file paths" },
    includeTasks: { type: "boolean", description: "Also require tasks.md" },
    requireTasks: { type: "boolean", description: "Alias of --include-tasks" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const { mission, current, target } = missionContext(args.mission);
    const report = checkPrerequisites(mission, {
      includeTasks: Boolean(args.includeTasks || args.requireTasks),
    });
    const p = report.paths;
    if (args.pathsOnly) {
      const aliases = {
        FEATURE_DIR: mission.dir,
        SPEC_FILE: p.spec_file,
        PLAN_FILE: `${mission.dir}/plan.md`,
        TASKS_FILE: `${mission.dir}/tasks.md`,
        FEATURE_SPEC: p.spec_file,
        IMPL_PLAN: `${mission.dir}/plan.md`,
        TASKS: `${mission.dir}/tasks.md`,
        SPECS_DIR: `${mission.root}/kitty-specs`,
      };
      if (args.json) emitMissionJson({ ...p, ...aliases });
      else say(...Object.entries(aliases).map(([k, v]) => `${k}=${v}`));
      return report.valid ? 0 : 1;
    }
    if (args.json) {
      emitMissionJson({
        valid: report.valid,
        errors: report.errors,
        warnings: report.warnings,
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        paths: p,
        artifact_files: report.artifactFiles,
        artifact_dirs: report.artifactDirs,
        available_docs: report.availableDocs,
        FEATURE_DIR: mission.dir,
        AVAILABLE_DOCS: report.availableDocs,
        ...branchContract(current, target),
      });
      return report.valid ? 0 : 1;
    }
    say(`${style.bold(mission.slug)} ${report.valid ? style.green("ready") : style.red("not ready")}`);
    for (const line of report.errors) say(`  ${style.red("error:")} ${line}`);
    for (const line of report.warnings) say(`  ${style.yellow("warning:")} ${line}`);
    say(`  docs: ${report.availableDocs.join(", ") || "none"}`);
    return report.valid ? 0 : 1;
  },
});
