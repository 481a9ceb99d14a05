import { mergeAcceptanceMatrix } from "../core/merge/drivers/matrices.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `kitty-specs/**\/acceptance-matrix.json merge=spec-kitty-acceptance-matrix` (spec-kitty 3.2.6). */
export default mergeDriverCommand(
  "merge-driver-acceptance-matrix",
  "Git merge driver: merge two acceptance-matrix.json files row by row (writes the result to %A)\n" +
    "Used by git, not by people. 3-way per criterion and invariant; a field both sides changed keeps both\n" +
    "values behind conflict markers inside the JSON string; overall_verdict is recomputed.",
  (sides) => mergeAcceptanceMatrix(sides),
);
