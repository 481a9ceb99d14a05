import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { say, warn } from "../../../cli/output.ts";
import { branchContract } from "../../../core/mission/branch-contract.ts";
import { setupPlan } from "../../../core/mission/setup-plan.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionContext } from "./_context.ts";
import { emitMissionJson } from "./_emit.ts";

export default defineCommand({
  meta: {
    name: "setup-plan",
    description:
      "Create plan.md for a mission from the plan template\n" +
      "Needs spec.md. An existing plan.md is kept unless --force is given.",
  },
  args: {
    ...missionArg,
    force: { type: "boolean", description: "Replace an existing plan.md with the template" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const { mission, current, target } = missionContext(args.mission);
    const result = await setupPlan(mission, { env: io().env, force: Boolean(args.force) });
    const warnings = result.commit?.warning ? [result.commit.warning] : [];
    if (args.json) {
      emitMissionJson({
        result: "success",
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        plan_file: result.planFile,
        feature_dir: mission.dir,
        spec_file: result.specFile,
        plan_created: result.created,
        warnings,
        ...branchContract(current, target),
      });
      return;
    }
    for (const line of warnings) warn(line);
    say(
      result.created
        ? `Created ${result.planFile}`
        : `Kept existing ${result.planFile} (use --force to replace it)`,
    );
  },
});
