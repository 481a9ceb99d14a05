import { defineCommand } from "citty";
import { withErrorRenderer } from "../../cli/boundary.ts";
import { lazy } from "../../cli/lazy.ts";
import { UsageError } from "../../core/errors.ts";
import { renderOaError } from "./_envelope.ts";

/**
 * `spec-kitty orchestrator-api …`: the machine contract external orchestrators drive (contract
 * 1.3.0). Every call prints exactly one JSON envelope on stdout, failures and usage errors included.
 */
export default withErrorRenderer(
  defineCommand({
    meta: {
      name: "orchestrator-api",
      description:
        "Machine contract for external orchestrators (JSON envelopes, contract 1.3.0)\n" +
        "Every call prints exactly one JSON envelope on stdout — contract_version, command, timestamp,\n" +
        "correlation_id, success, error_code, data — never prompts, and branches only on error_code.\n" +
        "Usage errors are envelopes too (command orchestrator-api.unknown, exit 2).",
    },
    subCommands: {
      "contract-version": lazy(
        "Report the API contract version (and check a provider's version)",
        () => import("./contract-version.ts"),
      ),
      "mission-state": lazy(
        "Report every work package of a mission: lane, dependencies, last actor",
        () => import("./mission-state.ts"),
      ),
      "list-ready": lazy(
        "List planned work packages whose dependencies are approved or done",
        () => import("./list-ready.ts"),
      ),
      "resolve-workspace": lazy(
        "Report a work package's workspace and prompt without changing anything",
        () => import("./resolve-workspace.ts"),
      ),
      "start-implementation": lazy(
        "Claim a work package for implementation and allocate its lane worktree",
        () => import("./start-implementation.ts"),
      ),
      "start-review": lazy(
        "Claim a work package's review (for_review → in_review)",
        () => import("./start-review.ts"),
      ),
      transition: lazy("Move a work package to another lane", () => import("./transition.ts")),
      "append-history": lazy(
        "Append a line to a work package's Activity Log",
        () => import("./append-history.ts"),
      ),
      "accept-mission": lazy(
        "Record a mission's acceptance once every work package is approved or done",
        () => import("./accept-mission.ts"),
      ),
      "merge-mission": lazy(
        "Merge a mission's lanes into its target branch (the normal journaled merge)",
        () => import("./merge-mission.ts"),
      ),
    },
    run: () => {
      throw new UsageError("Missing command.", "run `spec-kitty orchestrator-api --help` for the commands");
    },
  }),
  renderOaError,
);
