import { mergeMeta } from "../core/merge/drivers/meta.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `kitty-specs/**\/meta.json merge=spec-kitty-meta` (spec-kitty 3.2.6 .gitattributes). */
export default mergeDriverCommand(
  "merge-driver-meta",
  "Git merge driver: merge two meta.json files key by key (writes the result to %A)\n" +
    "Used by git, not by people. Keys only one side changed keep that change; keys both changed take the\n" +
    "target's value for acceptance and merge facts, the mission branch's otherwise; acceptance_history is\n" +
    "unioned. Exit 0 when merged; a side that is not a JSON object exits 1.",
  (sides) => mergeMeta(sides),
);
