import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent tasks …`: work packages and their lanes, as agents and people drive them. */
export default defineCommand({
  meta: {
    name: "tasks",
    description:
      "Work packages: kanban status, moves between lanes, subtasks, history\n" +
      "Every lane change is an event in kitty-specs/<mission>/status.events.jsonl.",
  },
  subCommands: {
    status: lazy(
      "Show the kanban board of a mission, or an overview of every mission (or their JSON)",
      () => import("./tasks/status.ts"),
    ),
    "move-task": lazy("Move a work package to another lane", () => import("./tasks/move-task.ts")),
    "mark-status": lazy(
      "Tick or untick subtask checkboxes in tasks.md",
      () => import("./tasks/mark-status.ts"),
    ),
    "list-tasks": lazy(
      "List the mission's work packages with their lanes",
      () => import("./tasks/list-tasks.ts"),
    ),
    "add-history": lazy(
      "Append a line to a work package's Activity Log",
      () => import("./tasks/add-history.ts"),
    ),
    "list-dependents": lazy(
      "Show what a work package depends on and which WPs depend on it",
      () => import("./tasks/list-dependents.ts"),
    ),
    "validate-workflow": lazy(
      "Check one work package's file: required frontmatter, id, dependencies, Activity Log, lane",
      () => import("./tasks/validate-workflow.ts"),
    ),
    "map-requirements": lazy(
      "Map spec requirements (FR-, NFR-, C-) to work packages and report the coverage",
      () => import("./tasks/map-requirements.ts"),
    ),
    "finalize-tasks": lazy(
      "Write tasks.md dependencies into WP files and give every WP its first status event",
      () => import("./tasks/finalize-tasks.ts"),
    ),
  },
});
