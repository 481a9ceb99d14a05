import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { UsageError } from "../../../core/errors.ts";
import { markStatus } from "../../../core/tasks/mark-status.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "mark-status",
    description:
      "Tick or untick subtask checkboxes in tasks.md\n" +
      "Give the ids as separate arguments or comma-separated: mark-status T001 T002 --status done.\n" +
      "Exit 1 when an id has no checkbox line.",
  },
  args: {
    task_ids: {
      type: "positional",
      required: true,
      valueHint: "T001 T002...",
      description: "Subtask ids (T001 T002, or T001,T002)",
    },
    status: { type: "enum", options: ["done", "pending"], required: true, description: "New state" },
    ...missionArg,
    ...jsonArg,
  },
  run: async ({ args }) => {
    const ids = args.task_ids.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) throw new UsageError("give at least one subtask id");
    const mission = missionFromArgs(args.mission);
    const { updated, notFound, commit } = await markStatus(mission, ids, args.status === "done", io().env);
    if (args.json) {
      printJson({
        result: notFound.length ? "partial" : "success",
        updated,
        not_found: notFound,
        status: args.status,
        count: updated.length,
        ...(commit ? { commit } : {}),
      });
    } else {
      if (updated.length) say(`Marked ${updated.join(", ")} as ${args.status}`);
      for (const id of notFound) warn(`${id}: no checkbox line in tasks.md`);
      if (commit?.warning) warn(commit.warning);
    }
    return notFound.length ? 1 : 0;
  },
});
