/** merge's commit-status step: every bookkeeping file of the mission is committed where it lives. */
import { expect, test } from "bun:test";
import { appendFileSync, cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { MergeJournal } from "../../src/core/merge/journal.ts";
import { commitStatus } from "../../src/core/merge/steps.ts";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv } from "../support/git.ts";

const DIR = "tide-alerts-01KWE88E";

/** The 3.2 coordination fixture: the mission's status files on `kitty/mission-<dir>`, in a worktree. */
function coordProject(): { root: string; coord: string } {
  const root = copyFixture("era-3.2-coord");
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "commit.gpgsign", "false");
  git(root, "add", "-A", "--", ".", ":!coord");
  git(root, "commit", "-q", "-m", "primary");
  git(root, "branch", `kitty/mission-${DIR}`, "main");
  const coord = join(root, ".worktrees", `${DIR}-coord`);
  git(root, "worktree", "add", "-q", coord, `kitty/mission-${DIR}`);
  mkdirSync(join(coord, "kitty-specs", DIR), { recursive: true });
  cpSync(join(root, "coord", "kitty-specs", DIR), join(coord, "kitty-specs", DIR), { recursive: true });
  git(coord, "add", "-A");
  git(coord, "commit", "-q", "-m", "status");
  rmSync(join(root, "coord"), { recursive: true });
  return { root, coord };
}

test("a coordination mission's status files are committed in its coordination worktree (failed before: only the main checkout was looked at)", () => {
  const { root, coord } = coordProject();
  appendFileSync(join(coord, "kitty-specs", DIR, "status.json"), "\n");
  appendFileSync(join(root, "kitty-specs", DIR, "tasks", "WP01-alert-scheduler.md"), "\n");
  const mission = resolveMission(root, DIR);
  const env = gitEnv();
  const said = commitStatus({
    mission,
    journal: { target_branch: "main" } as MergeJournal,
    env,
    warnings: [],
  });
  expect(said).toMatch(/^status files committed/);
  expect(git(coord, "status", "--porcelain")).toBe("");
  expect(git(coord, "log", "-1", "--format=%s")).toBe(
    `chore(${DIR}): record done transitions for merged WPs`,
  );
  expect(git(root, "status", "--porcelain", "--", "kitty-specs")).toBe("");
  expect(git(root, "log", "-1", "--format=%s")).toBe(`chore(${DIR}): record done transitions for merged WPs`);
  // Nothing left: a second run has nothing to do.
  expect(
    commitStatus({ mission, journal: { target_branch: "main" } as MergeJournal, env, warnings: [] }),
  ).toBe("status files already committed");
});
