import { defineCommand } from "citty";

/** `spec-kitty agent status …`: raw access to the status event log. */
export default defineCommand({
  meta: {
    name: "status",
    description:
      "Status event log: emit transitions, rebuild status.json, validate the log\n" +
      "The log (kitty-specs/<mission>/status.events.jsonl) is the source of truth for every WP's lane.",
  },
  subCommands: {
    emit: () => import("./status/emit.ts").then((m) => m.default),
    materialize: () => import("./status/materialize.ts").then((m) => m.default),
    validate: () => import("./status/validate.ts").then((m) => m.default),
  },
});
