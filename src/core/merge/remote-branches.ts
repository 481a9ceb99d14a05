/**
 * `merge --push`, after the target is pushed: the merged lane branches (and the mission branch) are
 * deleted on the remote, in one push, each with a lease on the commit this clone last saw there and
 * only when that commit was merged, so a teammate's later push is never lost.
 */
import { isAncestor } from "../git/facts.ts";
import { branchSyncs, pushRefs } from "../git/remote.ts";
import type { Env } from "./git-ops.ts";
import type { MergeJournal } from "./journal.ts";

/**
 * Deletes the merged lanes' branches (and the mission branch) on the remote, one push for all, each
 * with a lease on the commit this clone last saw there and only when that commit was merged: a
 * branch a teammate moved on since is kept, with a warning.
 */
export function deleteRemoteBranches(
  root: string,
  journal: MergeJournal,
  env: Env,
  warnings: string[],
): string {
  const remote = journal.remote;
  if (!remote) return "no remote";
  const lanes = journal.lanes.filter((l) => l.action === "merge");
  const keepMission = journal.lanes.some((l) => l.action === "skip");
  const candidates = [
    ...lanes.map((l) => ({ branch: l.branch as string, merged: l.head ?? null })),
    ...(keepMission ? [] : [{ branch: journal.mission_branch, merged: journal.mission_head ?? null }]),
  ];
  const syncs = branchSyncs(
    root,
    candidates.map((c) => c.branch),
    remote,
    { env },
  );
  const args: string[] = [];
  const deleting: string[] = [];
  for (const { branch, merged } of candidates) {
    const sync = syncs.get(branch);
    if (!sync?.remoteSha || sync.remoteRef !== `${remote}/${branch}`) continue;
    if (merged === null || !isAncestor(root, sync.remoteSha, merged, { env })) {
      warnings.push(`kept ${sync.remoteRef}: it has commits this merge did not land`);
      continue;
    }
    args.push(`--force-with-lease=refs/heads/${branch}:${sync.remoteSha}`, `:refs/heads/${branch}`);
    deleting.push(branch);
  }
  if (deleting.length === 0) return "no merged branch on the remote";
  const result = pushRefs(root, remote, args, { env });
  const deleted = deleting.filter((b) =>
    new RegExp(`^-\\t:refs/heads/${b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\t`, "m").test(result.stdout),
  );
  for (const branch of deleting.filter((b) => !deleted.includes(b)))
    warnings.push(
      `could not delete ${branch} on ${remote} (it moved, or the push failed): \`git push ${remote} --delete ${branch}\``,
    );
  return deleted.length ? `deleted on ${remote}: ${deleted.join(", ")}` : `nothing deleted on ${remote}`;
}
