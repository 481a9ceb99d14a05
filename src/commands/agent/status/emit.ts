import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say } from "../../../cli/output.ts";
import { UsageError } from "../../../core/errors.ts";
import { emitTransition } from "../../../core/status/emit.ts";
import { parseLane } from "../../../core/status/lane.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { jsonArg, missionArg, toLaneArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

function parseEvidence(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--evidence-json is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new UsageError("--evidence-json must be a JSON object");
  return value as Record<string, unknown>;
}

export default defineCommand({
  meta: {
    name: "emit",
    description:
      "Record one status transition for a work package\n" +
      "The raw primitive behind move-task: the from-lane is read from the replayed event log, the move is\n" +
      "checked against the transition table and its guards, then appended under the repository lock.\n" +
      "--force allows any move but needs --actor and --reason.",
  },
  args: {
    ...wpArg,
    ...toLaneArg,
    actor: { type: "string", required: true, description: "Who makes the move (agent key or name)" },
    ...missionArg,
    force: { type: "boolean", description: "Skip the table and guards (needs --reason)" },
    reason: { type: "string", description: "Why (required with --force and for in_progress -> planned)" },
    evidenceJson: {
      type: "string",
      description: 'Evidence object, e.g. {"review": {"reviewer", "verdict", "reference"}}',
      valueHint: "json",
    },
    reviewRef: {
      type: "string",
      description: "Review reference (review-cycle://…, feedback://…)",
      valueHint: "ref",
    },
    workspaceContext: {
      type: "string",
      description: "Workspace context for claimed -> in_progress",
      valueHint: "context",
    },
    subtasksComplete: {
      type: "boolean",
      description: "Assert all subtasks are done (in_progress -> for_review)",
    },
    implementationEvidencePresent: {
      type: "boolean",
      description: "Assert the implementation exists (-> for_review)",
    },
    executionMode: {
      type: "enum",
      options: ["worktree", "direct_repo"],
      default: "worktree",
      description: "Where the work happens",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const to = parseLane(args.to);
    const mission = missionFromArgs(args.mission);
    const event = await emitTransition(
      mission,
      {
        wpId,
        to,
        actor: args.actor,
        force: Boolean(args.force),
        reason: args.reason ?? null,
        reviewRef: args.reviewRef ?? null,
        evidence: parseEvidence(args.evidenceJson),
        executionMode: args.executionMode,
        workspaceContext: args.workspaceContext ?? null,
        subtasksComplete: Boolean(args.subtasksComplete),
        implementationEvidencePresent: Boolean(args.implementationEvidencePresent),
      },
      io().env,
    );
    if (args.json) {
      printJson({ result: "success", mission_slug: mission.slug, mission_id: mission.missionId, event });
      return;
    }
    say(`${wpId}: ${event.from_lane} -> ${event.to_lane} (event ${event.event_id})`);
  },
});
