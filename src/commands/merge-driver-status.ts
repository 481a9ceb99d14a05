import { mergeStatusSnapshots } from "../core/status/merge-snapshot.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `status.json merge=spec-kitty-status` (kitty-specs/.gitattributes, written by spec-kitty). */
export default mergeDriverCommand(
  "merge-driver-status",
  "Git merge driver: merge two status.json snapshots as the merged event log reduces (writes %A)\n" +
    "Used by git, not by people. Each WP takes the side whose last event is newer; counts are those of\n" +
    "the union of both logs. status.json is derived: any command that writes status rebuilds it. Exit 0.",
  (sides) => ({ text: mergeStatusSnapshots(sides.base, sides.ours, sides.theirs), clean: true }),
);
