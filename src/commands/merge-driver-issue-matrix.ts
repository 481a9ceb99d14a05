import { mergeIssueMatrix } from "../core/merge/drivers/matrices.ts";
import { mergeDriverCommand } from "./_merge-driver.ts";

/** `kitty-specs/**\/issue-matrix.json merge=spec-kitty-issue-matrix` (spec-kitty 3.2.6 .gitattributes). */
export default mergeDriverCommand(
  "merge-driver-issue-matrix",
  "Git merge driver: merge two issue-matrix files row by row (writes the result to %A)\n" +
    "Used by git, not by people. 3-way per issue (#12, GH-12 and 12 are one issue). A Markdown\n" +
    "issue-matrix.md gets a plain 3-way text merge; conflicting lines exit 1 with conflict markers.",
  (sides, { cwd }) => mergeIssueMatrix(sides, cwd),
);
