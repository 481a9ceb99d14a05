import { defineCommand } from "citty";
import { printJson, say, style } from "../cli/output.ts";
import { listMissions } from "../core/mission/resolve.ts";
import { validateTasks } from "../core/upgrade/legacy-lanes.ts";
import { VERSION } from "../version.ts";
import { jsonArg, missionArg } from "./_args.ts";
import { missionFromArgs, projectFromCwd } from "./_mission.ts";

export default defineCommand({
  meta: {
    name: "validate-tasks",
    description:
      "Find WP lanes kept the pre-3.0 way (lane folders, frontmatter lane:) and fix them with --fix\n" +
      "The status event log is the only truth about lanes. This reports WP files in tasks/<lane>/ folders\n" +
      "and frontmatter lane: keys; --fix moves them into the log the way `spec-kitty upgrade` does (one\n" +
      "event per WP of a mission without a log, files flattened into tasks/, stale lane: keys dropped).\n" +
      "Exit 1 when something needs fixing and --fix was not given.",
  },
  args: {
    ...missionArg,
    all: { type: "boolean", description: "Check every mission (the default without --mission)" },
    fix: { type: "boolean", description: "Move the legacy lane state into the event log" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const root = projectFromCwd();
    const missions = args.mission && !args.all ? [missionFromArgs(args.mission)] : listMissions(root);
    const result = await validateTasks(root, missions, { fix: Boolean(args.fix), version: VERSION });
    const needsFix = !result.fixed && result.missions.some((m) => m.steps.length > 0);
    if (args.json) {
      printJson({
        result: result.fixed ? "fixed" : needsFix ? "needs_fix" : "ok",
        missions_checked: missions.map((m) => m.slug),
        missions: result.missions,
        events_appended: result.eventsAppended,
      });
    } else if (result.missions.length === 0) {
      say(`${style.green("✓")} ${missions.length} mission(s): every lane lives in the event log.`);
    } else {
      for (const m of result.missions) {
        say(style.bold(m.mission));
        for (const step of m.steps)
          say(
            `  ${result.fixed ? "fixed" : "needs"} ${step.action}: ${step.path}  ${style.dim(step.detail)}`,
          );
        for (const c of m.conflicts) say(`  ${style.yellow("kept")}: ${c.path}: ${c.reason}`);
      }
      if (needsFix) say("", "Fix with: spec-kitty validate-tasks --fix");
    }
    return needsFix ? 1 : 0;
  },
});
