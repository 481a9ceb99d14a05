import { describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { copyFixture, listFiles, snapshotTree } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const run = (cwd: string, ...args: string[]) => runInProcess(args, { cwd, env: gitEnv() });

describe("agent mission create", () => {
  test("creates the mission tree and an upstream-shaped meta.json", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const result = await run(root, "agent", "mission", "create", "user-auth", "--json");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out).slice(0, 4)).toEqual(["result", "mission_slug", "mission_number", "mission_id"]);
    expect(Object.keys(out).at(-1)).toBe("spec_kitty_version");
    expect(out.mission_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(out.target_branch).toBe("main");
    const dir = join(root, "kitty-specs", "001-user-auth");
    expect(listFiles(dir)).toEqual([
      // Empty folders do not survive a clone: each has a .gitkeep.
      "checklists/.gitkeep",
      "meta.json",
      "research/.gitkeep",
      "spec.md",
      "status.events.jsonl",
      "tasks/.gitkeep",
      "tasks/README.md",
    ]);
    // created_files names every file create wrote, the ones it commits (failed before: it left out
    // tasks/.gitkeep and status.events.jsonl).
    expect((out.created_files as string[]).map((p) => relative(root, p)).sort()).toEqual([
      "kitty-specs/.gitattributes",
      ...listFiles(dir).map((p) => `kitty-specs/001-user-auth/${p}`),
    ]);
    expect(git(root, "status", "--porcelain")).toBe("");
    expect(existsSync(join(dir, "checklists"))).toBe(true);
    expect(existsSync(join(dir, "research"))).toBe(true);
    const metaText = readFileSync(join(dir, "meta.json"), "utf8");
    const meta = JSON.parse(metaText);
    expect(Object.keys(meta)).toEqual([...Object.keys(meta)].sort());
    expect(meta).toMatchObject({
      mission_number: "001",
      slug: "001-user-auth",
      mission_slug: "001-user-auth",
      friendly_name: "user auth",
      mission_type: "software-dev",
    });
    expect(meta.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(metaText.endsWith("}\n")).toBe(true);
    expect(readFileSync(join(dir, "status.events.jsonl"), "utf8")).toBe("");
    // The placeholders create knows the answer to are filled (failed before: left as [NNN-slug], [DATE]).
    const spec = readFileSync(join(dir, "spec.md"), "utf8");
    expect(spec).toContain("**Mission**: 001-user-auth");
    expect(spec).toContain(`**Created**: ${meta.created_at.slice(0, 10)}`);
    expect(spec).not.toContain("[NNN-slug]");
    expect(spec).not.toContain("[DATE]");
  });

  test("outside git, or before the first commit, it stops at once with a fix that works (failed before: planning went on until implement)", async () => {
    const root = copyFixture("basic-project");
    const before = snapshotTree(root);
    const outside = await run(root, "agent", "mission", "create", "feat", "--json");
    expect(outside.code).toBe(1);
    const err = JSON.parse(outside.stdout);
    expect(err.error_code).toBe("NOT_A_GIT_REPO");
    expect(snapshotTree(root)).toEqual(before);
    // The fix, as printed, makes the next create work.
    const fix = /`(git init && [^`]+)`/.exec(err.fix)?.[1] as string;
    git(root, "init", "-q", "-b", "main");
    const unborn = await run(root, "agent", "mission", "create", "feat", "--json");
    expect(JSON.parse(unborn.stdout).error_code).toBe("NO_COMMIT_YET");
    const sh = Bun.spawnSync(["sh", "-c", fix], { cwd: root, env: gitEnv() });
    expect(sh.exitCode, sh.stderr.toString()).toBe(0);
    const created = await run(root, "agent", "mission", "create", "feat", "--json");
    expect(created.code, created.stdout).toBe(0);
  });

  test("numbers continue from kitty-specs and .worktrees", async () => {
    const root = copyFixture("mission-tasks");
    initRepo(root);
    const result = await run(root, "agent", "mission", "create", "next-one", "--json");
    expect(JSON.parse(result.stdout).mission_number).toBe("002");
  });

  test("bad slugs exit 1 and write nothing", async () => {
    const root = copyFixture("basic-project");
    const before = snapshotTree(root);
    for (const slug of ["a/b", "..", "../x", "Upper", "", "a--b", "a_b", "ü"]) {
      const result = await run(root, "agent", "mission", "create", slug, "--json");
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).error_code).toBe("INVALID_SLUG");
    }
    expect(snapshotTree(root)).toEqual(before);
  });

  test("auto_commit commits only its own files and leaves other staged work alone", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    writeFileSync(join(root, "mine.txt"), "user work\n");
    git(root, "add", "mine.txt");
    const result = await run(root, "agent", "mission", "create", "feat", "--json");
    expect(JSON.parse(result.stdout).committed).toBe(true);
    expect(git(root, "show", "--name-only", "--format=", "HEAD").split("\n").sort()).toEqual([
      // The status files' merge rules, a new file committed with the first mission.
      "kitty-specs/.gitattributes",
      "kitty-specs/001-feat/checklists/.gitkeep",
      "kitty-specs/001-feat/meta.json",
      "kitty-specs/001-feat/research/.gitkeep",
      "kitty-specs/001-feat/spec.md",
      "kitty-specs/001-feat/status.events.jsonl",
      "kitty-specs/001-feat/tasks/.gitkeep",
      "kitty-specs/001-feat/tasks/README.md",
    ]);
    // Every file it made is committed: nothing of it is left for `git status` (failed before: the
    // empty event log and tasks/.gitkeep stayed untracked).
    expect(git(root, "status", "--porcelain", "--", "kitty-specs")).toBe("");
    expect(git(root, "diff", "--cached", "--name-only")).toBe("mine.txt");
    expect(git(root, "stash", "list")).toBe("");
  });

  test("a failing commit keeps the files and warns (never stashes)", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const env = {
      ...gitEnv(),
      GIT_AUTHOR_NAME: undefined,
      GIT_COMMITTER_NAME: undefined,
      GIT_AUTHOR_EMAIL: undefined,
      GIT_COMMITTER_EMAIL: undefined,
      EMAIL: undefined,
    };
    git(root, "config", "user.useConfigOnly", "true");
    const result = await runInProcess(["agent", "mission", "create", "feat", "--json"], { cwd: root, env });
    const out = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(out.committed).toBe(false);
    expect(out.warnings[0]).toMatch(/not committed/);
    expect(existsSync(join(root, "kitty-specs", "001-feat", "spec.md"))).toBe(true);
    expect(git(root, "stash", "list")).toBe("");
    expect(git(root, "diff", "--cached", "--name-only")).toBe("");
  });

  test("auto_commit runs the repository's hooks; a refusing hook is a warning, files stay (failed before: --no-verify)", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const hook = join(root, ".git", "hooks", "pre-commit");
    writeFileSync(
      hook,
      "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/hook-ran\"\necho 'lint: no' >&2\nexit 1\n",
    );
    chmodSync(hook, 0o755);
    const result = await run(root, "agent", "mission", "create", "feat", "--json");
    const out = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(out.committed).toBe(false);
    expect(out.warnings[0]).toContain("a hook refused");
    expect(readFileSync(join(root, ".git", "hook-ran"), "utf8")).toBe("ran\n");
    expect(existsSync(join(root, "kitty-specs", "001-feat", "meta.json"))).toBe(true);
    expect(git(root, "diff", "--cached", "--name-only")).toBe("");
    // A hook that passes: the commit is made (and the hook ran again).
    writeFileSync(hook, '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/hook-ran"\n');
    const second = await run(root, "agent", "mission", "create", "other", "--json");
    expect(JSON.parse(second.stdout).committed).toBe(true);
    expect(readFileSync(join(root, ".git", "hook-ran"), "utf8")).toBe("ran\nran\n");
  });

  test("a slug over the length limit is refused before anything is created (failed before: internal error, empty kitty-specs/)", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const before = snapshotTree(root, { skipGit: true });
    for (const n of [201, 252, 300]) {
      const result = await run(root, "agent", "mission", "create", "a".repeat(n), "--json");
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ error_code: "INVALID_SLUG" });
    }
    expect(existsSync(join(root, "kitty-specs"))).toBe(false);
    expect(snapshotTree(root, { skipGit: true })).toEqual(before);
    expect((await run(root, "agent", "mission", "create", "a".repeat(200), "--json")).code).toBe(0);
  });

  test("target branch defaults to the current branch; --target-branch overrides", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    git(root, "checkout", "-q", "-b", "develop");
    const a = JSON.parse((await run(root, "agent", "mission", "create", "a", "--json")).stdout);
    expect([a.current_branch, a.target_branch, a.branch_matches_target]).toEqual([
      "develop",
      "develop",
      true,
    ]);
    const b = JSON.parse(
      (await run(root, "agent", "mission", "create", "b", "--target-branch", "main", "--json")).stdout,
    );
    expect([b.current_branch, b.target_branch, b.branch_matches_target]).toEqual(["develop", "main", false]);
  });

  test("outside a project: NOT_A_PROJECT", async () => {
    const result = await run(
      join(copyFixture("basic-project"), ".."),
      "agent",
      "mission",
      "create",
      "x",
      "--json",
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error_code).toBe("NOT_A_PROJECT");
  });
});

/** `agent mission check-prerequisites --mission <mission> …flags` in `root`. */
function prereq(root: string, mission: string, ...flags: string[]) {
  return run(root, "agent", "mission", "check-prerequisites", "--mission", mission, ...flags);
}

describe("check-prerequisites, setup-plan, branch-context", () => {
  test("check-prerequisites reports paths and docs", async () => {
    const root = copyFixture("mission-tasks");
    const result = await prereq(root, "001", "--json", "--include-tasks");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.valid).toBe(true);
    expect(out.available_docs).toEqual([
      "checklists/",
      "plan.md",
      "research/",
      "spec.md",
      "tasks.md",
      "tasks/",
    ]);
    expect(out.paths.feature_dir).toBe(join(root, "kitty-specs", "001-report-tool"));
    const paths = JSON.parse((await prereq(root, "001", "--paths-only", "--json")).stdout);
    expect(paths.IMPL_PLAN).toBe(join(root, "kitty-specs", "001-report-tool", "plan.md"));
  });

  test("check-prerequisites exits 1 when tasks.md is required but missing", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    await run(root, "agent", "mission", "create", "x");
    const result = await prereq(root, "x", "--include-tasks", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors[0]).toMatch(/tasks\.md is missing/);
  });

  test("--mission missing or pointing nowhere", async () => {
    const root = copyFixture("mission-tasks");
    const missing = await run(root, "agent", "mission", "check-prerequisites", "--json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      error_code: "MISSION_REQUIRED",
      details: { available_missions: ["001-report-tool"] },
    });
    const nowhere = await run(root, "agent", "mission", "setup-plan", "--mission", "../../etc", "--json");
    expect(nowhere.code).toBe(1);
    expect(JSON.parse(nowhere.stdout).error_code).toBe("MISSION_NOT_FOUND");
  });

  test("setup-plan creates plan.md once and never overwrites it without --force", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    await run(root, "agent", "mission", "create", "x");
    const first = JSON.parse(
      (await run(root, "agent", "mission", "setup-plan", "--mission", "001-x", "--json")).stdout,
    );
    expect(first.plan_created).toBe(true);
    writeFileSync(first.plan_file, "my plan\n");
    const again = JSON.parse(
      (await run(root, "agent", "mission", "setup-plan", "--mission", "001-x", "--json")).stdout,
    );
    expect(again.plan_created).toBe(false);
    expect(readFileSync(first.plan_file, "utf8")).toBe("my plan\n");
  });

  test("setup-plan without spec.md → SPEC_FILE_MISSING", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    await run(root, "agent", "mission", "create", "x");
    const { rmSync } = await import("node:fs");
    rmSync(join(root, "kitty-specs", "001-x", "spec.md"));
    const result = await run(root, "agent", "mission", "setup-plan", "--mission", "x", "--json");
    expect([result.code, JSON.parse(result.stdout).error_code]).toEqual([1, "SPEC_FILE_MISSING"]);
  });

  test("branch-context", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const out = JSON.parse(
      (await run(root, "agent", "mission", "branch-context", "--target-branch", "release", "--json")).stdout,
    );
    expect(out).toMatchObject({
      result: "success",
      repo_root: root,
      target_branch_source: "cli_arg",
      current_branch: "main",
      target_branch: "release",
    });
  });
});
