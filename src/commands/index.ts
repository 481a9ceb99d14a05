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
    mission: lazy(
      "List the project's missions, show the current one, or one mission's details",
      () => import("./mission.ts"),
    ),
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
    dashboard: lazy(
      "Serve a live kanban of every mission on 127.0.0.1, or --export it as a static site",
      () => import("./dashboard.ts"),
    ),
    charter: lazy(
      "Agree, write and inspect the project charter (the principles every prompt carries)",
      () => import("./charter.ts"),
    ),
    research: lazy(
      "Create a mission's research files: research.md, data-model.md and the evidence logs",
      () => import("./research.ts"),
    ),
    doctor: lazy(
      "Check the project's health; --fix repairs what can be repaired safely",
      () => import("./doctor.ts"),
    ),
    "verify-setup": lazy(
      "Check the environment: where you stand, the tools on PATH, the agents' files",
      () => import("./verify-setup.ts"),
    ),
    upgrade: lazy(
      "Bring a project written by an older spec-kitty to this version's layout",
      () => import("./upgrade.ts"),
    ),
    "validate-tasks": lazy(
      "Find WP lanes kept the pre-3.0 way (lane folders, frontmatter lane:) and fix them with --fix",
      () => import("./validate-tasks.ts"),
    ),
    "orchestrator-api": lazy(
      "Machine contract for external orchestrators (JSON envelopes, contract 1.3.0)",
      () => import("./orchestrator-api/index.ts"),
    ),
    version: lazy("Print the version of this binary (same as --version)", () => import("./version.ts")),
    completion: lazy(
      "Print the shell completion script for bash, zsh, fish or powershell",
      () => import("./completion.ts"),
    ),
    __complete: lazy(
      "Internal: print completion candidates for the words after `spec-kitty` (used by completion scripts)",
      () => import("./__complete.ts"),
      { hidden: true },
    ),
    "merge-driver-event-log": lazy(
      "Git merge driver: union two status event logs by event_id (writes the result to %A)",
      () => import("./merge-driver-event-log.ts"),
      { hidden: true },
    ),
    "merge-driver-meta": lazy(
      "Git merge driver: merge two meta.json files key by key (writes the result to %A)",
      () => import("./merge-driver-meta.ts"),
      { hidden: true },
    ),
    "merge-driver-traces": lazy(
      "Git merge driver: union two append-only trace documents line by line (writes the result to %A)",
      () => import("./merge-driver-traces.ts"),
      { hidden: true },
    ),
    "merge-driver-acceptance-matrix": lazy(
      "Git merge driver: merge two acceptance-matrix.json files row by row (writes the result to %A)",
      () => import("./merge-driver-acceptance-matrix.ts"),
      { hidden: true },
    ),
    "merge-driver-issue-matrix": lazy(
      "Git merge driver: merge two issue-matrix files row by row (writes the result to %A)",
      () => import("./merge-driver-issue-matrix.ts"),
      { hidden: true },
    ),
    "merge-driver-review-cycle": lazy(
      "Git merge driver: 3-way merge of a review-cycle-N.md record (writes the result to %A)",
      () => import("./merge-driver-review-cycle.ts"),
      { hidden: true },
    ),
    "session-start": lazy(
      "Claude Code hook: print a short orientation for this project (always exits 0)",
      () => import("./session-start.ts"),
      { hidden: true },
    ),
    "session-stop": lazy(
      "Claude Code hook: remind about work left open (always exits 0)",
      () => import("./session-stop.ts"),
      { hidden: true },
    ),
  },
});
