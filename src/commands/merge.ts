import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style, warn } from "../cli/output.ts";
import { UsageError } from "../core/errors.ts";
import type { BranchSync } from "../core/git/remote.ts";
import { describeSync } from "../core/git/remote.ts";
import { abortMerge } from "../core/merge/abort.ts";
import type { JournalLane } from "../core/merge/journal.ts";
import type { Strategy } from "../core/merge/plan.ts";
import { previewMerge, runMerge } from "../core/merge/run.ts";
import { VERSION } from "../version.ts";
import { jsonArg, missionArg } from "./_args.ts";
import { selfDir } from "./_driver.ts";
import { missionFromArgs } from "./_mission.ts";

/** One lane's line: what merge does with it, and (when known) where its branch is here and remotely. */
function laneLine(lane: JournalLane, sync?: BranchSync): string {
  const what = {
    merge: `merge ${lane.source === "remote" ? lane.remote_ref : lane.branch}`,
    planning: `on ${lane.branch} already`,
    skip: "SKIPPED",
    already_done: "already merged",
  }[lane.action];
  const where = sync ? ` [${describeSync(sync)}]` : "";
  return `  ${lane.lane_id.padEnd(14)} ${lane.wp_ids.join(", ").padEnd(18)} ${what}${lane.reason ? ` (${lane.reason})` : ""}${where}`;
}

/** A lane of the --dry-run document: the journal's lane plus its branch's local/remote state. */
function laneDocument(lane: JournalLane, sync?: BranchSync): Record<string, unknown> {
  if (!sync) return { ...lane };
  const { state, local, remoteRef, remoteSha, ahead, behind } = sync;
  return {
    ...lane,
    remote_state: { state, local, remote_ref: remoteRef, remote: remoteSha, ahead, behind },
  };
}

/** The flags as citty parsed them: only what the clash checks read. */
interface MergeFlags {
  strategy?: string;
  push?: boolean;
  keepRemoteBranches?: boolean;
  fetch?: boolean;
  skipUnapproved?: boolean;
  dryRun?: boolean;
  abort?: boolean;
}

/**
 * Flags that cannot go together are refused before anything is read: `--abort` runs none of the merge
 * (so `--abort --dry-run` would really abort, and --push or --strategy would be silently dropped), and
 * `--keep-remote-branches` only changes what `--push` does.
 */
function checkFlagClashes(args: MergeFlags): void {
  if (args.abort) {
    const merging = [
      args.dryRun && "--dry-run",
      args.strategy !== undefined && "--strategy",
      args.push && "--push",
      args.keepRemoteBranches && "--keep-remote-branches",
      args.fetch && "--fetch",
      args.skipUnapproved && "--skip-unapproved",
    ].filter((flag): flag is string => typeof flag === "string");
    if (merging.length > 0)
      throw new UsageError(
        `--abort gives up an interrupted merge and merges nothing: ${merging.join(", ")} cannot go with it`,
        `drop ${merging.join(", ")} to abort, or drop --abort to merge`,
      );
  }
  if (args.keepRemoteBranches && !args.push)
    throw new UsageError(
      "--keep-remote-branches only changes what --push does",
      "add --push, or drop --keep-remote-branches",
    );
}

export default defineCommand({
  meta: {
    name: "merge",
    description:
      "Merge a mission's lanes into its target branch and mark its WPs done\n" +
      "Refuses to start while any WP is not approved (--skip-unapproved leaves those lanes out).\n" +
      "Each lane branch is merged into kitty/mission-<slug> (--no-ff), then that into the target\n" +
      "(--strategy merge: --no-ff; squash: one commit), without switching your checkout. Then every\n" +
      "merged WP goes approved → done and lane worktrees and branches are removed. Each step is\n" +
      "journaled in .kittify/runtime/merge/<slug>/journal.json: after a conflict or a crash, run the\n" +
      "same command again to continue, or give it up with --abort (until the mission has landed). A\n" +
      "lane that exists only on the remote is merged from there. Before its first write it checks what\n" +
      "it can know: a local lane behind or diverged from its remote copy, conflicts (predicted with git\n" +
      "merge-tree) and uncommitted files in the target's checkout that the landing would overwrite.\n" +
      "After landing, every approved WP's commits are checked on the target. No network unless asked:\n" +
      "--fetch reads the remote first; --push pushes the target and deletes the merged lane branches\n" +
      "there. Merge commits skip git hooks (--no-verify): they are made in a scratch worktree without\n" +
      "your hooks' tools, from lane commits that already passed them.",
  },
  args: {
    ...missionArg,
    strategy: {
      type: "enum",
      options: ["merge", "squash"],
      description: "How the mission lands on the target (default merge; a resumed merge keeps its own)",
    },
    push: {
      type: "boolean",
      description: "Push the target branch after merging, and delete the merged lane branches on the remote",
    },
    keepRemoteBranches: {
      type: "boolean",
      description: "With --push: leave the merged lane branches on the remote",
    },
    fetch: { type: "boolean", description: "git fetch the target's remote first (see teammates' pushes)" },
    skipUnapproved: { type: "boolean", description: "Leave out lanes that contain WPs not yet approved" },
    dryRun: { type: "boolean", description: "Print the plan; change nothing" },
    abort: {
      type: "boolean",
      description: "Give up an interrupted merge: restore the mission branch, drop the journal",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    checkFlagClashes(args);
    const mission = missionFromArgs(args.mission);
    const strategy = args.strategy as Strategy | undefined;
    const push = Boolean(args.push);
    const skipUnapproved = Boolean(args.skipUnapproved);
    const keepRemoteBranches = Boolean(args.keepRemoteBranches);
    const fetch = Boolean(args.fetch);
    if (args.abort) {
      const out = await abortMerge(mission, io().env);
      if (args.json) {
        printJson({
          result: "aborted",
          mission_slug: out.missionSlug,
          target_branch: out.targetBranch,
          mission_branch: out.missionBranch.name,
          mission_branch_action: out.missionBranch.action,
          mission_branch_head: out.missionBranch.head,
          journal: out.journalPath,
        });
        return;
      }
      const branch = {
        reset: `${out.missionBranch.name} reset to where it was`,
        deleted: `${out.missionBranch.name} deleted (it did not exist before)`,
        unchanged: `${out.missionBranch.name} unchanged`,
      }[out.missionBranch.action];
      say(
        `${style.green("Aborted")} the merge of ${out.missionSlug}: ${branch}; ${out.targetBranch} was never changed.`,
        `Merge again when ready: spec-kitty merge --mission ${out.missionSlug}`,
      );
      return;
    }
    if (args.dryRun) {
      const p = previewMerge(
        mission,
        { strategy, push, skipUnapproved, keepRemoteBranches, fetch },
        io().env,
      );
      const syncOf = (lane: JournalLane) => (lane.branch ? p.syncs.get(lane.branch) : undefined);
      if (args.json) {
        printJson({
          spec_kitty_version: VERSION,
          mission_slug: p.missionSlug,
          target_branch: p.targetBranch,
          strategy: p.strategy,
          delete_branch: true,
          remove_worktree: true,
          push: p.push,
          mission_branch: p.missionBranch,
          lanes: p.lanes.map((lane) => laneDocument(lane, syncOf(lane))),
          dry_run: true,
          resuming: p.resuming,
          done_wps: p.doneWps,
          skipped_wps: p.skippedWps,
          steps: p.steps,
          would_stop: p.blocker,
        });
        return p.blocker ? 1 : 0;
      }
      say(
        `${p.resuming ? "Would finish the interrupted merge of" : "Would merge"} ${p.missionSlug} into ${p.targetBranch} (${p.strategy})`,
        ...p.lanes.map((lane) => laneLine(lane, syncOf(lane))),
        p.steps.length ? `Steps: ${p.steps.join(" → ")}` : "Nothing to merge.",
      );
      if (p.blocker) {
        say(
          `${style.red("It would stop before changing anything:")} ${p.blocker.message}`,
          ...(p.blocker.fix ? [`  Fix: ${p.blocker.fix}`] : []),
        );
        return 1;
      }
      return 0;
    }
    const result = await runMerge({
      mission,
      env: io().env,
      strategy,
      push,
      skipUnapproved,
      keepRemoteBranches,
      fetch,
      selfDir: selfDir(),
    });
    if (result.kind === "nothing") {
      if (args.json) {
        printJson({
          result: "nothing_to_merge",
          mission_slug: mission.slug,
          target_branch: result.plan.targetBranch,
          lanes: result.plan.lanes,
          skipped_wps: result.plan.skippedWps,
        });
      } else say(`Nothing to merge for ${mission.slug}: no approved WP is waiting.`);
      return;
    }
    const j = result.journal;
    if (args.json) {
      printJson({
        result: "success",
        mission_slug: j.mission_slug,
        target_branch: j.target_branch,
        mission_branch: j.mission_branch,
        strategy: j.strategy,
        resumed: result.resumed,
        merged_lanes: j.lanes.filter((l) => l.action === "merge").map((l) => l.lane_id),
        skipped_lanes: j.lanes
          .filter((l) => l.action === "skip")
          .map((l) => ({ lane_id: l.lane_id, reason: l.reason })),
        done_wps: j.done_wps,
        skipped_wps: j.skipped_wps,
        steps: j.steps.map((s) => ({ id: s.id, detail: s.detail, this_run: result.ran.includes(s.id) })),
        journal: result.journalPath,
        warnings: result.warnings,
      });
      return;
    }
    for (const w of result.warnings) warn(w);
    say(
      `${style.green("Merged")} ${j.mission_slug} into ${j.target_branch}${result.resumed ? " (resumed)" : ""}`,
      ...j.lanes.map((lane) => laneLine(lane)),
      `Done: ${j.done_wps.join(", ")}`,
    );
    if (j.skipped_wps.length) say(`Not merged (not approved): ${j.skipped_wps.join(", ")}`);
  },
});
