/** merge's conflict prediction: a file one of spec-kitty's drivers merges is not a predicted conflict. */
import { expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { mergeTree } from "../../src/core/merge/preflight.ts";
import { tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";

const write = (root: string, rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};

const FILES = [
  "kitty-specs/001-x/status.json",
  "kitty-specs/001-x/status.events.jsonl",
  "kitty-specs/001-x/meta.json",
  "kitty-specs/001-x/spec.md",
  "src/a.ts",
];

/** Two branches off main that change every file in FILES differently. */
function divergedRepo(attributes: string): string {
  const root = tempDir();
  write(root, ".gitattributes", attributes);
  for (const file of FILES) write(root, file, "base\n");
  initRepo(root);
  for (const side of ["one", "two"]) {
    git(root, "checkout", "-q", "-b", side, "main");
    for (const file of FILES) write(root, file, `${side}\n`);
    git(root, "commit", "-qam", side);
  }
  return root;
}

test("status.json changed on both sides is the driver's, not a predicted conflict (failed before: only status.events.jsonl was)", () => {
  const root = divergedRepo("");
  const result = mergeTree(root, "one", "two", gitEnv());
  expect(result.conflicts).toEqual(["kitty-specs/001-x/meta.json", "kitty-specs/001-x/spec.md", "src/a.ts"]);
});

test("a file the attributes route to a spec-kitty driver (3.2's meta.json) is the driver's; other routes are not", () => {
  const root = divergedRepo(
    "kitty-specs/**/meta.json merge=spec-kitty-meta\nkitty-specs/**/spec.md merge=someone-elses\n",
  );
  const result = mergeTree(root, "one", "two", gitEnv());
  expect(result.conflicts).toEqual(["kitty-specs/001-x/spec.md", "src/a.ts"]);
});
