/**
 * The mission's merge lock, held for the whole of a merge (and of `merge --abort`): a second one finds
 * it held by a live process and stops at once (MERGE_RUNNING); one whose holder died (killed, crashed)
 * takes it over at once. Named by a hash: a slug can be longer than a file name may be.
 */
import { createHash } from "node:crypto";
import { SpecKittyError } from "../errors.ts";
import { withLock } from "../fs/lock.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { repoLockPath } from "../project.ts";

function mergeLockPath(mission: MissionRef): string {
  const digest = createHash("sha256").update(mission.slug).digest("hex").slice(0, 16);
  return repoLockPath(mission.root, `merge-${digest}`);
}

/** Runs `fn` holding the mission's merge lock; MERGE_RUNNING when a live process holds it. */
export async function withMergeLock<T>(mission: MissionRef, fn: () => Promise<T> | T): Promise<T> {
  const lock = mergeLockPath(mission);
  try {
    return await withLock(lock, fn, { timeoutMs: 0 });
  } catch (error) {
    const ours =
      error instanceof SpecKittyError && error.code === "LOCK_TIMEOUT" && error.details?.lock === lock;
    if (!ours) throw error;
    const holder = error.details?.holder as { pid?: number; host?: string } | undefined;
    throw new SpecKittyError(
      "MERGE_RUNNING",
      `a merge of ${mission.slug} is running (pid ${holder?.pid ?? "?"}${holder?.host ? ` on ${holder.host}` : ""})`,
      {
        fix: "wait for it to finish; if that process is gone, run the same merge command again to resume",
        details: { holder },
      },
    );
  }
}
