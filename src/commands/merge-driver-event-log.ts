import { unionEventLogs } from "../core/status/merge-driver.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/**
 * Git merge driver for status.events.jsonl (and 3.2.6's decisions.events.jsonl), configured as
 * `git config merge.spec-kitty-event-log.driver "spec-kitty merge-driver-event-log %O %A %B"` with
 * `kitty-specs/**\/status.events.jsonl merge=spec-kitty-event-log` in .gitattributes.
 */
export default mergeDriverCommand(
  "merge-driver-event-log",
  "Git merge driver: union two status event logs by event_id (writes the result to %A)\n" +
    "Used by git, not by people. Every row is kept (lane events, annotations, lifecycle rows). Exit 0 on\n" +
    "success; a malformed line exits 1 naming file and line, as do two different rows under one event_id.",
  (sides, { labels }) => ({
    text: unionEventLogs([
      { file: labels.ours, text: sides.ours },
      { file: labels.theirs, text: sides.theirs },
      { file: labels.base, text: sides.base },
    ]),
    clean: true,
  }),
);
