import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent mission …`: create and inspect missions, then turn their tasks into lanes. */
export default defineCommand({
  meta: { name: "mission", description: "Create missions, check their files, and finalize their tasks" },
  subCommands: {
    create: lazy(
      "Create a new mission directory kitty-specs/NNN-<slug>/ with a fresh mission_id",
      () => import("./mission/create.ts"),
    ),
    "check-prerequisites": lazy(
      "Report a mission's planning files and whether the next step can start",
      () => import("./mission/check-prerequisites.ts"),
    ),
    "setup-plan": lazy(
      "Create plan.md for a mission from the plan template",
      () => import("./mission/setup-plan.ts"),
    ),
    "branch-context": lazy(
      "Show the current branch and the branch planning should target",
      () => import("./mission/branch-context.ts"),
    ),
    accept: lazy(
      "Check that a mission is ready to accept, and record the acceptance",
      () => import("../accept.ts"),
    ),
    merge: lazy(
      "Merge a mission's lanes into its target branch and mark its WPs done",
      () => import("../merge.ts"),
    ),
    "finalize-tasks": lazy(
      "Validate tasks.md and the WP files, then write dependencies, ownership, status and lanes.json",
      () => import("./mission/finalize-tasks.ts"),
    ),
  },
});
