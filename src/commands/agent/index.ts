import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent …`: the machine-facing namespace agents call from slash commands. */
export default defineCommand({
  meta: { name: "agent", description: "Commands for AI agents (missions, tasks, status, actions, release)" },
  subCommands: {
    mission: lazy(
      "Create missions, check their files, and finalize their tasks",
      () => import("./mission.ts"),
    ),
    tasks: lazy(
      "Work packages: kanban status, moves between lanes, subtasks, history",
      () => import("./tasks.ts"),
    ),
    status: lazy(
      "Status event log: emit transitions, rebuild status.json, validate the log",
      () => import("./status.ts"),
    ),
    action: lazy(
      "Start implementing or reviewing a work package (what `spec-kitty next` tells you to run)",
      () => import("./action.ts"),
    ),
    config: lazy(
      "Add, remove and repair the project's agents and their command files",
      () => import("./config.ts"),
    ),
    release: lazy("Check release coherence and draft the next release", () => import("./release.ts")),
  },
});
