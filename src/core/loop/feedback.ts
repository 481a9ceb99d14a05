/** The review feedback a rejected WP carries back into its next implementation round. */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { orderEvents } from "../status/reducer.ts";
import { readEvents } from "../status/store.ts";

export interface ReviewFeedback {
  /** Project-relative path of `tasks/<WP-file-stem>/review-cycle-N.md`. */
  path: string;
  ref: string;
  text: string;
}

const CYCLE_REF = /^review-cycle:\/\/([^/]+)\/([^/]+)\/(review-cycle-\d+\.md)$/;

/** The newest rejection of `wpId` (an event back to planned pointing at a review-cycle file), if any. */
export function latestFeedback(mission: MissionRef, wpId: string): ReviewFeedback | null {
  const events = orderEvents(readEvents(mission)).filter((e) => e.wp_id === wpId && e.to_lane === "planned");
  for (let i = events.length - 1; i >= 0; i--) {
    const ref = events[i]?.review_ref ?? "";
    const match = CYCLE_REF.exec(ref);
    if (!match) continue;
    // The pointer comes from disk: resolve it inside the mission, never wherever it says.
    const path = resolveInside(
      mission.root,
      relative(mission.root, join(mission.dir, "tasks", match[2] ?? "", match[3] ?? "")),
    );
    if (!existsSync(path)) continue;
    return {
      path: relative(mission.root, path),
      ref,
      text: readTextFile(path, relative(mission.root, path)),
    };
  }
  return null;
}
