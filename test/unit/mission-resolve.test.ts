import { describe, expect, test } from "bun:test";
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gitCommonDir } from "../../src/core/git/facts.ts";
import { listMissions, resolveMission } from "../../src/core/mission/resolve.ts";
import { findProjectRoot, repoLockPath } from "../../src/core/project.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";

describe("resolveMission", () => {
  const root = copyFixture("legacy-3.1");
  test("by numbered slug, bare slug, number and legacy feature_slug", () => {
    expect(resolveMission(root, "003-search-index").slug).toBe("003-search-index");
    expect(resolveMission(root, "export-csv").slug).toBe("005-export-csv");
    expect(resolveMission(root, "5").slug).toBe("005-export-csv");
    expect(resolveMission(root, "003-search-index").missionId).toBeNull();
  });

  test("by mission_id, full or unique prefix, case-insensitive", () => {
    const tasks = copyFixture("mission-tasks");
    expect(resolveMission(tasks, "01JNQ4Z7K3M8W2T6R9XCVB5E1A").slug).toBe("001-report-tool");
    expect(resolveMission(tasks, "01jnq4z7").slug).toBe("001-report-tool");
  });

  test("ambiguous prefix lists candidates", () => {
    const tasks = copyFixture("mission-tasks");
    const other = join(tasks, "kitty-specs", "002-other");
    mkdirSync(other);
    writeFileSync(join(other, "meta.json"), JSON.stringify({ mission_id: "01JNQ4Z7ZZZZZZZZZZZZZZZZZZ" }));
    expect(() => resolveMission(tasks, "01JNQ4Z7")).toThrow(/matches 2 missions: 001-report-tool, 002-other/);
  });

  test("missing, unknown and path-like selectors", () => {
    expect(() => resolveMission(root, undefined)).toThrow(
      /--mission is required \(available: 003-search-index/,
    );
    expect(() => resolveMission(root, "nope")).toThrow(/no mission matches 'nope'/);
    expect(() => resolveMission(root, "../legacy-3.1")).toThrow(/no mission matches/);
  });

  test("legacy missions load for display", () => {
    const list = listMissions(root);
    expect(list.map((m) => [m.slug, m.missionId, m.meta.friendly_name])).toEqual([
      ["003-search-index", null, "search index"],
      ["005-export-csv", null, "export csv — café"],
    ]);
  });

  test("a broken meta.json is an error naming the file, for that mission only", () => {
    const tasks = copyFixture("mission-tasks");
    writeFileSync(join(tasks, "kitty-specs", "001-report-tool", "meta.json"), '{"mission_id": 7}');
    expect(() => resolveMission(tasks, "001-report-tool")).toThrow(
      /kitty-specs\/001-report-tool\/meta\.json line 1: mission_id must be a string/,
    );
    // Before: listing missions threw, so resolving ANY mission by id or slug failed with this error.
    const other = join(tasks, "kitty-specs", "002-other");
    mkdirSync(other);
    writeFileSync(
      join(other, "meta.json"),
      JSON.stringify({ mission_id: "01KX59S2AAAAAAAAAAAAAAAAAA", slug: "002-other" }),
    );
    expect(resolveMission(tasks, "01KX59S2").slug).toBe("002-other");
    expect(resolveMission(tasks, "other").slug).toBe("002-other");
    const listed = listMissions(tasks);
    expect(listed.map((m) => [m.slug, m.problem?.code ?? null])).toEqual([
      ["001-report-tool", "INVALID_FILE"],
      ["002-other", null],
    ]);
  });

  test("3.2 missions: integer or null mission_number, mid8 directories, mid8 and bare-slug selectors", () => {
    const root = copyFixture("era-3.2");
    expect(resolveMission(root, "01KVMP86").slug).toBe("invoice-pdf-export-01KVMP86");
    expect(resolveMission(root, "invoice-pdf-export").slug).toBe("invoice-pdf-export-01KVMP86");
    expect(resolveMission(root, "retry-budget-01M09WE0").meta.mission_number).toBeNull();
    expect(resolveMission(root, "invoice-pdf-export-01KVMP86").meta.mission_number).toBe(12);
    expect(resolveMission(root, "9").slug).toBe("009-locale-fallbacks");
    expect(resolveMission(root, "locale-fallbacks").slug).toBe("009-locale-fallbacks");
  });
});

describe("project root and locks", () => {
  test("nearest .kittify, else NOT_A_PROJECT", () => {
    const root = copyFixture("basic-project");
    mkdirSync(join(root, "a", "b"), { recursive: true });
    expect(findProjectRoot(join(root, "a", "b"))).toBe(root);
    expect(() => findProjectRoot(tempDir())).toThrow(/no spec-kitty project/);
  });

  test("inside <main>/.worktrees/<lane> the main checkout wins, even with a committed .kittify", () => {
    const root = realpathSync(copyFixture("basic-project"));
    initRepo(root);
    git(root, "worktree", "add", "-q", "-b", "lane", join(root, ".worktrees", "001-x-lane-a"));
    const inside = join(root, ".worktrees", "001-x-lane-a");
    expect(findProjectRoot(inside)).toBe(root);
    expect(gitCommonDir(inside)).toBe(join(root, ".git"));
    expect(repoLockPath(inside, "mission-number")).toBe(
      join(root, ".git", "spec-kitty", "mission-number.lock"),
    );
  });

  test("a linked worktree elsewhere without .kittify resolves through the git common dir", () => {
    const root = realpathSync(copyFixture("basic-project"));
    git(root, "init", "-q", "-b", "main");
    git(root, "commit", "-q", "--allow-empty", "-m", "x");
    const away = join(tempDir(), "wt");
    git(root, "worktree", "add", "-q", "-b", "away", away);
    expect(findProjectRoot(away)).toBe(root);
  });

  test("outside git, locks live in .kittify/locks", () => {
    const root = copyFixture("basic-project");
    expect(gitCommonDir(root)).toBeNull();
    expect(repoLockPath(root, "x")).toBe(join(root, ".kittify", "locks", "x.lock"));
  });
});
