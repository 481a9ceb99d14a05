import { defineCommand } from "citty";
import { lazy } from "../cli/lazy.ts";

/**
 * `spec-kitty mission …`: this project's missions. (The original's `mission` group lists mission
 * *types*; ours is about the missions themselves, see the README's differences table.)
 */
export default defineCommand({
  meta: {
    name: "mission",
    description:
      "List the project's missions, show the current one, or one mission's details\n" +
      "Each mission with its number, slug, mission_id, phase (the step it is in), progress and target branch.",
  },
  subCommands: {
    list: lazy("List every mission with its phase and progress", () => import("./mission/list.ts")),
    current: lazy(
      "Show the mission of the branch, lane worktree or mission folder you are in",
      () => import("./mission/current.ts"),
    ),
    info: lazy(
      "Show one mission: identity, phase, progress, work packages and lanes",
      () => import("./mission/info.ts"),
    ),
  },
});
