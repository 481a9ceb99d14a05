import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say } from "../../cli/output.ts";
import { SpecKittyError } from "../../core/errors.ts";
import { checkMissionContained } from "../../core/mission/contained.ts";
import { listMissions } from "../../core/mission/resolve.ts";
import { detectCurrentMission, summarize } from "../../core/views/mission-summary.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";
import { summaryJson, summaryLines } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "current",
    description:
      "Show the mission of the branch, lane worktree or mission folder you are in\n" +
      "Found from the current directory (kitty-specs/<mission>/…) or the checked-out branch\n" +
      "(kitty/mission-<slug>, kitty/mission-<slug>-lane-x, or a branch named like the mission). Exit 1\n" +
      "when nothing points at a mission.",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const cwd = io().cwd;
    const root = projectFromCwd(cwd);
    const found = detectCurrentMission(root, cwd, io().env);
    if (!found) {
      const slugs = listMissions(root).map((m) => m.slug);
      throw new SpecKittyError(
        "MISSION_NOT_DETECTED",
        "the current branch and directory belong to no mission",
        {
          fix: slugs.length
            ? `switch to a mission or lane branch, cd into kitty-specs/<mission>/, or run 'spec-kitty mission info <mission>' (missions: ${slugs.join(", ")})`
            : "create a mission first with `spec-kitty agent mission create <slug>`",
          details: { available_missions: slugs },
        },
      );
    }
    checkMissionContained(found.mission);
    const summary = summarize(found.mission);
    if (args.json) {
      printJson({
        ...summaryJson(summary),
        detected_from: found.via,
        branch: found.branch,
        lane: found.lane,
      });
      return;
    }
    const where = found.via === "directory" ? "the directory you are in" : `branch ${found.branch}`;
    say(...summaryLines(summary), `  found from:     ${where}${found.lane ? ` (${found.lane})` : ""}`);
  },
});
