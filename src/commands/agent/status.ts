import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent status …`: raw access to the status event log. */
export default defineCommand({
  meta: {
    name: "status",
    description:
      "Status event log: emit transitions, rebuild status.json, validate the log, resolve double claims\n" +
      "The log (kitty-specs/<mission>/status.events.jsonl) is the source of truth for every WP's lane.",
  },
  subCommands: {
    emit: lazy("Record one status transition for a work package", () => import("./status/emit.ts")),
    materialize: lazy("Rebuild status.json from the event log", () => import("./status/materialize.ts")),
    validate: lazy("Check a mission's status event log", () => import("./status/validate.ts")),
    "resolve-claim": lazy(
      "Keep one claimant of a WP two clones claimed at once (after a sync)",
      () => import("./status/resolve-claim.ts"),
    ),
  },
});
