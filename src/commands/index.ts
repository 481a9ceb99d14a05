import { defineCommand } from "citty";
import { lazy } from "../cli/lazy.ts";

/** The root command. Subcommands load lazily; only commands that work are registered. */
export default defineCommand({
  meta: {
    name: "spec-kitty",
    description:
      "Spec-driven development for AI coding agents\n" +
      "Turn intent into missions (spec → plan → tasks), split tasks into work packages, run them in\n" +
      "parallel lanes, and drive agents through the `spec-kitty next` loop.",
  },
  subCommands: {
    init: lazy("Set up spec-kitty in a project directory", () => import("./init.ts")),
    agent: lazy(
      "Commands for AI agents (missions, tasks, status, actions, release)",
      () => import("./agent/index.ts"),
    ),
    next: lazy("Ask what to do next in a mission (the agent loop)", () => import("./next.ts")),
    implement: lazy(
      "Internal: prepare a work package's workspace and claim it",
      () => import("./implement.ts"),
    ),
    auth: lazy("Log in to the sync server, check or end the session", () => import("./auth/index.ts")),
    sync: lazy("Push status events to the sync server", () => import("./sync/index.ts")),
    dispatch: lazy(
      "Run headless agents on a mission's work packages, in parallel lanes",
      () => import("./dispatch.ts"),
    ),
    merge: lazy(
      "Merge a mission's lanes into its target branch and mark its WPs done",
      () => import("./merge.ts"),
    ),
    accept: lazy(
      "Check that a mission is ready to accept, and record the acceptance",
      () => import("./accept.ts"),
    ),
    "orchestrator-api": lazy(
      "Machine contract for external orchestrators (JSON envelopes, contract 1.3.0)",
      () => import("./orchestrator-api/index.ts"),
    ),
    version: lazy("Print the version of this binary (same as --version)", () => import("./version.ts")),
    "merge-driver-event-log": lazy(
      "Git merge driver: union two status event logs by event_id (writes the result to %A)",
      () => import("./merge-driver-event-log.ts"),
      { hidden: true },
    ),
  },
});
