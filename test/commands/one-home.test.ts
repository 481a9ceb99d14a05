/**
 * Bugs that came from one concern being written two or three ways (issue: "one home per concern").
 * Each test failed before the concern got its single home.
 */
import { describe, expect, test } from "bun:test";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dirtyPaths } from "../../src/core/git/facts.ts";
import { copyFixture, snapshotTree, tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const BOARD = "001-status-demo";

describe("one config reader: an invalid .kittify/config.yaml is always an error naming the file", () => {
  const broken = (root: string) =>
    writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  auto_commit: [yes\n");

  test("finalize-tasks, mission create, setup-plan and accept refuse it (they used to turn auto-commit off)", async () => {
    const root = copyFixture("mission-tasks");
    initRepo(root);
    broken(root);
    const before = snapshotTree(root, { skipGit: true });
    const runs = [
      ["agent", "mission", "finalize-tasks", "--mission", "001-report-tool", "--json"],
      ["agent", "mission", "create", "new-thing", "--json"],
      ["agent", "mission", "setup-plan", "--mission", "001-report-tool", "--json"],
      ["accept", "--mission", "001-report-tool", "--json"],
    ];
    for (const argv of runs) {
      const r = await runInProcess(argv, { cwd: root, env: gitEnv() });
      expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
      const doc = JSON.parse(r.stdout);
      expect(doc.error_code).toBe("INVALID_FILE");
      expect(doc.error).toContain(".kittify/config.yaml line 3: not valid YAML");
    }
    expect(snapshotTree(root, { skipGit: true })).toEqual(before);
  });
});

describe("one WP filename rule", () => {
  // The board keeps a WP another tool named irregularly (the issue "open every real project": a WP id
  // that is not WPnn is kept and reported, never dropped); tools that act on WPs still ignore it.
  test("a file named WP012-b.md: release prep ignores it (it used to crash on it), the board shows it with a warning", async () => {
    const root = copyFixture("status-board");
    const tasks = join(root, "kitty-specs", BOARD, "tasks");
    writeFileSync(join(tasks, "WP012-b.md"), "---\ntitle: stray\n---\n");
    writeFileSync(join(root, "package.json"), '{ "version": "1.0.0" }\n');
    const meta = join(root, "kitty-specs", BOARD, "meta.json");
    const data = JSON.parse(readFileSync(meta, "utf8"));
    writeFileSync(
      meta,
      `${JSON.stringify({ ...data, accepted_at: "2026-03-03T10:00:00+00:00" }, null, 2)}\n`,
    );
    const prep = await runInProcess(["agent", "release", "prep", "--channel", "stable", "--json"], {
      cwd: root,
    });
    expect(prep.code).toBe(0);
    const titles = JSON.parse(prep.stdout).missions[0].work_packages.map((w: { id: string }) => w.id);
    expect(titles).toEqual(["WP01", "WP02", "WP03", "WP04"]);
    const board = await runInProcess(["agent", "tasks", "status", "--mission", BOARD, "--json"], {
      cwd: root,
    });
    expect(board.code).toBe(0);
    const doc = JSON.parse(board.stdout);
    expect(doc.total_wps).toBe(5);
    expect(doc.warnings).toContainEqual(
      expect.objectContaining({ code: "non_canonical_wp_id", wp_id: "WP012" }),
    );
  });
});

describe("one definition of a WP's section of tasks.md", () => {
  test("a `## Notes on WP01` heading after the last WP does not gate WP01's review", async () => {
    const root = copyFixture("status-board");
    appendFileSync(
      join(root, "kitty-specs", BOARD, "tasks.md"),
      "\n## Notes on WP01\n\n- [ ] ask the team about CSV dialects\n",
    );
    const r = await runInProcess(
      [
        "agent",
        "tasks",
        "move-task",
        "WP01",
        "--to",
        "for_review",
        "--agent",
        "claude",
        "--mission",
        BOARD,
        "--json",
      ],
      { cwd: root },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).new_lane).toBe("for_review");
  });

  test("an unchecked box inside WP03's own section still gates WP03", async () => {
    const root = copyFixture("status-board");
    const r = await runInProcess(
      [
        "agent",
        "tasks",
        "move-task",
        "WP03",
        "--to",
        "for_review",
        "--agent",
        "claude",
        "--mission",
        BOARD,
        "--json",
      ],
      { cwd: root },
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error_code: "SUBTASKS_OPEN",
      details: { unchecked: ["- [ ] T005 Write the usage page"] },
    });
  });
});

describe("one git status parser", () => {
  test("names with spaces, quotes and non-ASCII letters, and renames, come back exactly", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "tracked.txt"), "a\n");
    initRepo(dir);
    writeFileSync(join(dir, "with space.txt"), "x");
    writeFileSync(join(dir, 'quo"te.txt'), "x");
    writeFileSync(join(dir, "été.md"), "x");
    mkdirSync(join(dir, ".kittify", "runtime"), { recursive: true });
    writeFileSync(join(dir, ".kittify", "runtime", "merge journal.json"), "{}");
    git(dir, "mv", "tracked.txt", "moved.txt");
    const all = dirtyPaths(dir, { env: gitEnv(), untracked: "all" }).sort();
    expect(all).toEqual([
      ".kittify/runtime/merge journal.json",
      "moved.txt",
      'quo"te.txt',
      "with space.txt",
      "été.md",
    ]);
    expect(dirtyPaths(dir, { env: gitEnv(), untracked: "all", ignore: [".kittify/runtime/"] })).not.toContain(
      ".kittify/runtime/merge journal.json",
    );
  });
});
