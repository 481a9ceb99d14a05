import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const run = (cwd: string, ...args: string[]) => runInProcess(args, { cwd, env: gitEnv() });

/** A project with one committed mission, `001-search`. */
async function projectWithMission(): Promise<string> {
  const root = copyFixture("basic-project");
  initRepo(root);
  const created = await run(root, "agent", "mission", "create", "search", "--json");
  expect(created.code).toBe(0);
  expect(git(root, "status", "--porcelain")).toBe("");
  return root;
}

describe("mission renumber", () => {
  test("renames the folder, follows in meta.json and lanes.json, and commits the rename", async () => {
    const root = await projectWithMission();
    const dir = join(root, "kitty-specs", "001-search");
    // Written by hand in another layout: the rename must still follow (failed before: a text
    // replace that expected `"key": "value"` silently changed nothing).
    writeFileSync(
      join(dir, "lanes.json"),
      `{"version":1,"mission_slug":"001-search","mission_branch":"kitty/mission-001-search","target_branch":"main","lanes":[],"custom":"kept"}\n`,
    );
    git(root, "add", "-A");
    git(root, "commit", "-qm", "lanes");
    const result = await run(
      root,
      "mission",
      "renumber",
      "--mission",
      "001-search",
      "--number",
      "7",
      "--json",
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ from: "001-search", to: "007-search", commit: { committed: true } });
    expect(existsSync(dir)).toBe(false);
    const moved = join(root, "kitty-specs", "007-search");
    expect(JSON.parse(readFileSync(join(moved, "meta.json"), "utf8"))).toMatchObject({
      mission_number: "007",
      mission_slug: "007-search",
    });
    expect(JSON.parse(readFileSync(join(moved, "lanes.json"), "utf8"))).toEqual({
      version: 1,
      mission_slug: "007-search",
      mission_branch: "kitty/mission-007-search",
      target_branch: "main",
      lanes: [],
      custom: "kept",
    });
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  test("a missing meta.json or a malformed lanes.json is an error that renames nothing (failed before: the folder moved first)", async () => {
    const root = await projectWithMission();
    const dir = join(root, "kitty-specs", "001-search");
    writeFileSync(join(dir, "lanes.json"), `{"version":1,"lanes":[{"lane_id":"../escape","wp_ids":[]}]}\n`);
    const before = snapshotTree(root);
    const badLanes = await run(root, "mission", "renumber", "--mission", "001-search", "--json");
    expect(badLanes.code).toBe(1);
    expect(badLanes.stdout).toContain("lanes.json");
    expect(snapshotTree(root)).toEqual(before);

    rmSync(join(dir, "lanes.json"));
    rmSync(join(dir, "meta.json"));
    const noMeta = snapshotTree(root);
    const missing = await run(root, "mission", "renumber", "--mission", "001-search", "--json");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("meta.json");
    expect(snapshotTree(root)).toEqual(noMeta);
    expect(existsSync(join(root, "kitty-specs", "002-search"))).toBe(false);
  });

  test("a pre-commit hook that refuses is reported as a warning, like other auto-commits (failed before: --no-verify bypassed it)", async () => {
    const root = await projectWithMission();
    const hook = join(root, ".git", "hooks", "pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho 'no renames today' >&2\nexit 1\n");
    chmodSync(hook, 0o755);
    const head = git(root, "rev-parse", "HEAD");
    const result = await run(root, "mission", "renumber", "--mission", "001-search", "--json");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.to).toBe("002-search");
    expect(out.commit).toMatchObject({ committed: false, hash: null });
    expect(out.commit.warning).toContain("no renames today");
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
    expect(existsSync(join(root, "kitty-specs", "002-search", "meta.json"))).toBe(true);
    // Nothing left staged: the user commits (or fixes the hook) with a clean index.
    expect(git(root, "diff", "--cached", "--name-only")).toBe("");
  });

  test("an untracked mission folder is renamed and committed (failed before: the commit named the old, unknown path)", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const created = await run(root, "agent", "mission", "create", "search", "--json");
    expect(created.code).toBe(0);
    git(root, "rm", "-rq", "--cached", "kitty-specs/001-search");
    git(root, "commit", "-qm", "untrack");
    const result = await run(root, "mission", "renumber", "--mission", "001-search", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).commit).toMatchObject({ committed: true });
    expect(git(root, "ls-files", "kitty-specs/002-search/meta.json")).toBe(
      "kitty-specs/002-search/meta.json",
    );
  });
});
