import { mergeTraces } from "../core/merge/drivers/text.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `kitty-specs/**\/traces/*.md merge=spec-kitty-traces` (spec-kitty 3.2.6 .gitattributes). */
export default mergeDriverCommand(
  "merge-driver-traces",
  "Git merge driver: union two append-only trace documents line by line (writes the result to %A)\n" +
    "Used by git, not by people. Our lines, then theirs; a non-blank line already present is not repeated.",
  (sides) => mergeTraces(sides),
);
