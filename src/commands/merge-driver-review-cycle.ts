import { mergeText } from "../core/merge/drivers/text.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `kitty-specs/**\/tasks/*\/review-cycle-*.md merge=spec-kitty-review-cycle` (spec-kitty 3.2.6). */
export default mergeDriverCommand(
  "merge-driver-review-cycle",
  "Git merge driver: 3-way merge of a review-cycle-N.md record (writes the result to %A)\n" +
    "Used by git, not by people. Changes on one side merge cleanly; two different records under one\n" +
    "name exit 1 with git's conflict markers, so a person decides (a verdict is never blended).",
  (sides, { cwd }) => mergeText(sides, cwd),
);
