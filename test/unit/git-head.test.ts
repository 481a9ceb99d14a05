import { describe, expect, test } from "bun:test";
import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { currentBranch, gitCommonDir, headFacts } from "../../src/core/git/facts.ts";
import { tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";

// headFacts replaces two git spawns (symbolic-ref + rev-parse --git-common-dir) with one: it must
// answer exactly as the pair did, in every state a repository can be in.
describe("headFacts agrees with currentBranch + gitCommonDir", () => {
  const agree = (dir: string) => {
    const env = gitEnv();
    expect(headFacts(dir, { env })).toEqual({
      commonDir: gitCommonDir(dir),
      branch: currentBranch(dir, { env }),
    });
  };

  test("outside a repository: both null", () => {
    const dir = tempDir();
    agree(dir);
    expect(headFacts(dir).commonDir).toBeNull();
  });

  test("on a branch with commits, and in a subdirectory", () => {
    const dir = realpathSync(tempDir());
    initRepo(dir);
    agree(dir);
    expect(headFacts(dir, { env: gitEnv() })).toEqual({ commonDir: join(dir, ".git"), branch: "main" });
    mkdirSync(join(dir, "sub"));
    agree(join(dir, "sub"));
  });

  test("unborn branch (fresh git init) still names the branch", () => {
    const dir = tempDir();
    git(dir, "init", "-q", "-b", "trunk");
    agree(dir);
    expect(headFacts(dir, { env: gitEnv() }).branch).toBe("trunk");
  });

  test("detached HEAD: no branch", () => {
    const dir = tempDir();
    initRepo(dir);
    git(dir, "checkout", "-q", "--detach");
    agree(dir);
    expect(headFacts(dir, { env: gitEnv() }).branch).toBeNull();
  });

  test("a branch named like a remote shortens as symbolic-ref --short does", () => {
    const dir = tempDir();
    initRepo(dir);
    git(dir, "checkout", "-q", "-b", "origin");
    git(dir, "update-ref", "refs/remotes/origin/HEAD", "HEAD");
    agree(dir);
    expect(headFacts(dir, { env: gitEnv() }).branch).toBe("origin");
  });

  test("in a linked worktree: the main checkout's common dir", () => {
    const dir = realpathSync(tempDir());
    initRepo(dir);
    git(dir, "worktree", "add", "-q", "-b", "lane-a", join(dir, ".worktrees", "m-lane-a"));
    agree(join(dir, ".worktrees", "m-lane-a"));
    expect(headFacts(join(dir, ".worktrees", "m-lane-a"), { env: gitEnv() })).toEqual({
      commonDir: join(dir, ".git"),
      branch: "lane-a",
    });
  });
});
