import { relative } from "node:path";
import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say } from "../cli/output.ts";
import { UsageError } from "../core/errors.ts";
import { implementWp } from "../core/loop/implement.ts";
import { recoverWorkspaces } from "../core/loop/recover.ts";
import type { MissionRef } from "../core/mission/resolve.ts";
import { missionIdentity } from "../core/status/materialize.ts";
import { checkWpId } from "../core/tasks/wp-id.ts";
import { jsonArg, missionArg, optionalWpArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

async function recover(mission: MissionRef, json: boolean): Promise<number> {
  const out = await recoverWorkspaces(mission, io().env);
  const failed = out.lanes.filter((l) => l.action === "failed");
  if (json) {
    printJson({
      status: failed.length ? "partial" : "ok",
      mission_slug: mission.slug,
      mission_id: mission.missionId,
      lanes: out.lanes.map((l) => ({
        lane_id: l.laneId,
        branch: l.branch,
        worktree: l.worktree,
        wp_ids: l.wpIds,
        action: l.action,
        branch_recreated: l.branchRecreated,
        error: l.error,
      })),
      worktrees_recreated: out.lanes.filter((l) => l.action === "recreated").map((l) => l.worktree),
      idle_lanes: out.idleLanes,
      errors: failed.map((l) => `${l.laneId}: ${l.error}`),
    });
    return failed.length ? 1 : 0;
  }
  if (out.lanes.length === 0)
    say(`Nothing to recover in ${mission.slug}: no WP is claimed, in progress or in review in a code lane.`);
  for (const l of out.lanes) {
    const what = {
      recreated: `recreated ${l.worktree} on ${l.branch}${l.branchRecreated ? " (a new branch: the old one was gone)" : ""}`,
      ok: `${l.worktree} is in place`,
      failed: `could not recover: ${l.error}`,
    }[l.action];
    say(`${l.laneId} (${l.wpIds.join(", ")}): ${what}`);
  }
  return failed.length ? 1 : 0;
}

export default defineCommand({
  meta: {
    name: "implement",
    description:
      "Internal: prepare a work package's workspace and claim it\n" +
      "This is infrastructure used by `spec-kitty agent action implement`; it still works when called\n" +
      "directly. Agents and people should use `spec-kitty next --agent <agent> --mission <slug>` to find\n" +
      "work and `spec-kitty agent action implement <WP> --agent <agent> --mission <slug>` to start it.\n" +
      "A code lane gets its git worktree (.worktrees/<slug>-<lane>) created or reused; a planning-artifact\n" +
      "WP is worked on in the main checkout. On a WP already in progress it prints the workspace again.\n" +
      "--recover (no WP id): after a crash or a worktree removed by hand, recreate the lane worktrees the\n" +
      "mission's active WPs need (on their branches, which keep the work); status is never changed.",
  },
  args: {
    ...optionalWpArg("none; required unless --recover"),
    ...missionArg,
    base: {
      type: "string",
      description: "Fork a NEW lane worktree from this ref instead of the mission branch",
      valueHint: "ref",
    },
    recover: {
      type: "boolean",
      description: "Recreate the lane worktrees of the mission's active WPs after a crash",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    if (args.recover) {
      if (args.wp_id !== undefined)
        throw new UsageError("--recover works on the whole mission: leave out the WP id");
      return recover(missionFromArgs(args.mission), Boolean(args.json));
    }
    if (args.wp_id === undefined) throw new UsageError("give the WP id (e.g. WP01), or --recover");
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
