/**
 * The cheap reads of a checkout's own git files (core/git/local-config.ts) and what is built on them:
 * they must answer null (ask git) whenever git would look elsewhere, never a wrong "no". Each test
 * here failed before the fix it names.
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commitOwnFiles } from "../../src/core/git/commit.ts";
import {
  attributeRoutes,
  driverCommandLine,
  ensureDriverConfig,
  MERGE_DRIVERS,
  readDriverConfig,
} from "../../src/core/git/drivers.ts";
import { hasRemotes, localConfigText, plainGitDir } from "../../src/core/git/local-config.ts";
import { ensureLocalSetup } from "../../src/core/git/local-setup.ts";
import { missionNumberOf } from "../../src/core/mission/number.ts";
import { tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";

function repo(): string {
  const dir = realpathSync(tempDir());
  initRepo(dir);
  return dir;
}

const appendConfig = (dir: string, text: string) =>
  writeFileSync(join(dir, ".git", "config"), `${readFileSync(join(dir, ".git", "config"), "utf8")}${text}`);

describe("local-config: null whenever git would read elsewhere", () => {
  test("GIT_DIR, GIT_COMMON_DIR and GIT_CONFIG_* (process env or options.env) make every read null (was: <root>/.git)", () => {
    const dir = repo();
    const env = gitEnv();
    expect(plainGitDir(dir, env)).toBe(join(dir, ".git"));
    expect(hasRemotes(dir, env)).toBe(false);
    for (const name of [
      "GIT_DIR",
      "GIT_COMMON_DIR",
      "GIT_CONFIG",
      "GIT_CONFIG_COUNT",
      "GIT_CONFIG_PARAMETERS",
    ]) {
      const redirected = { ...env, [name]: name === "GIT_CONFIG_COUNT" ? "1" : "/elsewhere" };
      expect(plainGitDir(dir, redirected)).toBeNull();
      expect(localConfigText(dir, redirected)).toBeNull();
      expect(hasRemotes(dir, redirected)).toBeNull();
    }
  });

  test("a config with [include] or [includeIf] cannot tell (was: 'no remotes')", () => {
    for (const header of ["[include]", '[includeIf "gitdir:~/work/"]', "[Include]"]) {
      const dir = repo();
      appendConfig(dir, `${header}\n\tpath = ../remotes.inc\n`);
      expect(hasRemotes(dir, gitEnv())).toBeNull();
    }
  });

  test('remote sections are found whatever their case or form (was: only `[remote "…`)', () => {
    for (const header of ['[Remote "origin"]', '[REMOTE  "origin"]', "[remote.origin]"]) {
      const dir = repo();
      appendConfig(dir, `${header}\n\turl = /x\n`);
      expect(hasRemotes(dir, gitEnv())).toBe(true);
    }
  });
});

describe("ensureDriverConfig's fast path", () => {
  const fakeLines = (prefix: string) =>
    MERGE_DRIVERS.map((d) => `${prefix}\tdriver = "${driverCommandLine(d)}"\n`).join("");

  test("commented-out commands, or commands under another section, do not count (was: every driver skipped)", () => {
    for (const text of [
      `[merge "other"]\n${fakeLines("")}`,
      `[core]\n${fakeLines("#")}`,
      `[core]\n${fakeLines(";")}`,
    ]) {
      const dir = repo();
      appendConfig(dir, text);
      const env = gitEnv();
      expect(ensureDriverConfig(dir, { env }).sort()).toEqual(MERGE_DRIVERS.map((d) => d.key).sort());
      expect(readDriverConfig(dir, { env }).every((s) => s.status === "ok")).toBe(true);
      // Written by git as git writes it: the fast path now sees every command in place.
      expect(ensureDriverConfig(dir, { env })).toEqual([]);
    }
  });

  test("a command configured by hand after ours is left alone", () => {
    const dir = repo();
    const env = gitEnv();
    ensureDriverConfig(dir, { env });
    const first = MERGE_DRIVERS[0]?.key as string;
    appendConfig(dir, `[merge "${first}"]\n\tdriver = cat %A\n`);
    expect(readDriverConfig(dir, { env }).find((s) => s.driver.key === first)?.status).toBe("custom");
    expect(ensureDriverConfig(dir, { env })).toEqual([]);
  });

  test("with GIT_DIR in options.env, drivers and excludes go to that repository (was: <root>/.git)", () => {
    const dir = repo();
    const other = repo();
    const env = gitEnv();
    ensureDriverConfig(dir, { env }); // <root>/.git has every command already
    const elsewhere = { ...env, GIT_DIR: join(other, ".git") };
    const setup = ensureLocalSetup(dir, { env: elsewhere });
    expect(setup.drivers.sort()).toEqual(MERGE_DRIVERS.map((d) => d.key).sort());
    expect(readDriverConfig(other, { env }).every((s) => s.status === "ok")).toBe(true);
    expect(readFileSync(join(other, ".git", "info", "exclude"), "utf8")).toContain("/.worktrees/\n");
    expect(readFileSync(join(dir, ".git", "info", "exclude"), "utf8")).not.toContain("/.worktrees/");
    expect(setup.exclude?.file).toBe(join(other, ".git", "info", "exclude"));
  });
});

describe("info files and attributes", () => {
  test("ensureLocalSetup reports the exclude lines it added (once), with the text before", () => {
    const dir = repo();
    const file = join(dir, ".git", "info", "exclude");
    writeFileSync(file, "# mine\n/.worktrees\n.worktrees/");
    const setup = ensureLocalSetup(dir, { env: gitEnv() });
    expect(setup.exclude).toEqual({ file, before: "# mine\n/.worktrees\n.worktrees/" });
    expect(readFileSync(file, "utf8")).toBe("# mine\n/.worktrees\n.worktrees/\n/.kittify/runtime/\n");
    expect(ensureLocalSetup(dir, { env: gitEnv() }).exclude).toBeNull();
    expect(readFileSync(join(dir, ".git", "info", "attributes"), "utf8")).toContain(
      "kitty-specs/**/status.events.jsonl merge=spec-kitty-event-log\n",
    );
  });

  test("attributeRoutes reads only inside the project (was: a symlinked .gitattributes read outside)", () => {
    const dir = repo();
    const outside = join(realpathSync(tempDir()), "attributes");
    writeFileSync(outside, "status.json merge=spec-kitty-status\n");
    symlinkSync(outside, join(dir, ".gitattributes"));
    expect(() => attributeRoutes(dir)).toThrow(/outside the project/);
  });

  test("attributeRoutes: routes, later rules win, and every merge= key seen", () => {
    const dir = repo();
    mkdirSync(join(dir, "kitty-specs"));
    writeFileSync(
      join(dir, ".gitattributes"),
      "# merge=spec-kitty-commented\nkitty-specs/**/status.json merge=text\nkitty-specs/**/status.json merge=spec-kitty-status\n*.md -diff merge=spec-kitty-meta\n",
    );
    writeFileSync(
      join(dir, "kitty-specs", ".gitattributes"),
      "status.events.jsonl merge=spec-kitty-event-log\n",
    );
    const routes = attributeRoutes(dir);
    expect(routes).toMatchObject({
      events: "spec-kitty-event-log",
      snapshot: "spec-kitty-status",
      fileExists: true,
      missingRules: ["status.json merge=spec-kitty-status"],
    });
    expect(routes.mergeKeys.sort()).toEqual(
      ["spec-kitty-event-log", "spec-kitty-meta", "spec-kitty-status", "text"].sort(),
    );
  });
});

describe("commitOwnFiles outside a repository", () => {
  test("is quiet whatever language git speaks (was: a warning when git's message is translated)", () => {
    const dir = realpathSync(tempDir());
    writeFileSync(join(dir, "a.txt"), "a\n");
    // git ships its translations here; German says "Kein Git-Repository".
    const env = { ...gitEnv(), LANG: "C.UTF-8", LANGUAGE: "de", GIT_CEILING_DIRECTORIES: dir };
    const probe = Bun.spawnSync(["git", "add", "a.txt"], { cwd: dir, env });
    expect(probe.stderr.toString()).not.toContain("not a git repository"); // the case this test is about
    expect(commitOwnFiles(dir, ["a.txt"], "x", env)).toEqual({ committed: false, hash: null, warning: null });
  });

  test("a real failure inside a repository still warns", () => {
    const dir = repo();
    const out = commitOwnFiles(dir, ["missing.txt"], "x", gitEnv());
    expect(out.committed).toBe(false);
    expect(out.warning).toContain("git add failed");
    expect(git(dir, "status", "--porcelain")).toBe("");
  });
});

test("missionNumberOf: the leading number of a mission directory name", () => {
  expect(missionNumberOf("012-report")).toBe(12);
  expect(missionNumberOf("1234-x")).toBe(1234);
  expect(missionNumberOf("12-short")).toBeNull();
  expect(missionNumberOf("report")).toBeNull();
});
