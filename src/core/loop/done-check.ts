import { SpecKittyError } from "../errors.ts";
import { isAncestor } from "../git/facts.ts";
import { GitMissingError } from "../git/run.ts";
import { laneForWp } from "../lanes/lookup.ts";
import type { StatusMission } from "../status/store.ts";

/**
 * `move-task --to done` outside `spec-kitty merge`: the WP's work must already be on the current
 * branch, or the caller must say why not (--done-override-reason). A planning-lane WP is worked on in
 * the main checkout, so its work is there by construction; a code-lane WP's lane branch must be an
 * ancestor of HEAD. Checked even with --force: force bends the transition rules, not the facts.
 */
export function assertWorkMerged(
  mission: StatusMission,
  wpId: string,
  env?: Record<string, string | undefined>,
): void {
  const refuse = (why: string) =>
    new SpecKittyError("DONE_NOT_MERGED", `${wpId} cannot be marked done: ${why}`, {
      fix: `merge it with \`spec-kitty merge --mission ${mission.slug}\`, or pass --done-override-reason "<why>"`,
      details: { wp_id: wpId },
    });
  let lane: ReturnType<typeof laneForWp>;
  try {
    lane = laneForWp(mission, wpId);
  } catch (error) {
    throw refuse(error instanceof Error ? error.message : String(error));
  }
  if (lane.isMainCheckout) return;
  try {
    if (isAncestor(mission.root, lane.branch, "HEAD", { env })) return;
    throw refuse(`its lane branch ${lane.branch} is not merged into the current branch`);
  } catch (error) {
    if (error instanceof GitMissingError) throw refuse("git is not available to check the lane branch");
    throw error;
  }
}
