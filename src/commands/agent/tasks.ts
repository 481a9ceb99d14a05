import { defineCommand } from "citty";

/** `spec-kitty agent tasks …`: work packages and their lanes, as agents and people drive them. */
export default defineCommand({
  meta: {
    name: "tasks",
    description:
      "Work packages: kanban status, moves between lanes, subtasks, history\n" +
      "Every lane change is an event in kitty-specs/<mission>/status.events.jsonl.",
  },
  subCommands: {
    status: () => import("./tasks/status.ts").then((m) => m.default),
    "move-task": () => import("./tasks/move-task.ts").then((m) => m.default),
    "mark-status": () => import("./tasks/mark-status.ts").then((m) => m.default),
    "list-tasks": () => import("./tasks/list-tasks.ts").then((m) => m.default),
    "add-history": () => import("./tasks/add-history.ts").then((m) => m.default),
    "list-dependents": () => import("./tasks/list-dependents.ts").then((m) => m.default),
    "finalize-tasks": () => import("./tasks/finalize-tasks.ts").then((m) => m.default),
  },
});
