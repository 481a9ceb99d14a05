import { relative } from "node:path";
import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say } from "../cli/output.ts";
import { implementWp } from "../core/loop/implement.ts";
import { missionIdentity } from "../core/status/materialize.ts";
import { checkWpId } from "../core/tasks/wp-id.ts";
import { jsonArg, missionArg, wpArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

export default defineCommand({
  meta: {
    name: "implement",
    description:
      "Internal: prepare a work package's workspace and claim it\n" +
      "This is infrastructure used by `spec-kitty agent action implement`; it still works when called\n" +
      "directly. Agents and people should use `spec-kitty next --agent <agent> --mission <slug>` to find\n" +
      "work and `spec-kitty agent action implement <WP> --agent <agent> --mission <slug>` to start it.\n" +
      "A code lane gets its git worktree (.worktrees/<slug>-<lane>) created or reused; a planning-artifact\n" +
      "WP is worked on in the main checkout.",
  },
  args: {
    ...wpArg,
    ...missionArg,
    base: {
      type: "string",
      description: "Fork a NEW lane worktree from this ref instead of the mission branch",
      valueHint: "ref",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const mission = missionFromArgs(args.mission);
    const outcome = await implementWp({ mission, wpId, agent: null, base: args.base, env: io().env });
    const ws = outcome.workspace;
    const rel = relative(mission.root, ws.workspacePath) || ".";
    if (args.json) {
      const { number, type } = missionIdentity(mission);
      printJson({
        workspace: rel,
        workspace_path: rel,
        branch: ws.isMainCheckout ? null : ws.branch,
        mission_slug: mission.slug,
        mission_number: number,
        mission_type: type,
        wp_id: outcome.wp.id,
        lane_id: ws.laneId,
        execution_mode: ws.isMainCheckout ? "direct_repo" : "worktree",
        status: "created",
        mission_id: mission.missionId,
        worktree_created: ws.created,
      });
      return;
    }
    const where = ws.isMainCheckout
      ? `the main checkout (${mission.root}); planning-artifact WPs get no worktree`
      : `${ws.workspacePath} on ${ws.branch}${ws.created ? " (created)" : " (reused)"}`;
    say(`${outcome.wp.id}: ${outcome.resumed ? "already in progress" : "claimed"}; workspace: ${where}`);
  },
});
