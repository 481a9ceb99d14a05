/**
 * `spec-kitty doctor [--fix]` and `verify-setup` end to end (compiled binary, real git): each check
 * against a project that has exactly that problem, and each safe fix.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { copyFixture, tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { BIN, runBin } from "../support/run.ts";
import { actionArgs, loopProject, SLUG } from "./loop-setup.ts";

interface DoctorDoc {
  healthy: boolean;
  counts: Record<string, number>;
  findings: {
    check: string;
    severity: string;
    message: string;
    subject: string | null;
    fix: string | null;
    auto_fixable: boolean;
  }[];
  fixed: string[];
}

async function doctor(dir: string, ...args: string[]): Promise<{ code: number; doc: DoctorDoc }> {
  const r = await runBin(["doctor", "--json", ...args], { cwd: dir, env: gitEnv() });
  expect(r.stderr).toBe("");
  return { code: r.code, doc: JSON.parse(r.stdout) as DoctorDoc };
}

const checks = (doc: DoctorDoc) => doc.findings.map((f) => f.check);

async function gitProject(agents = "claude"): Promise<string> {
  const root = tempDir();
  expect((await runBin(["init", "p", "--ai", agents, "--non-interactive"], { cwd: root })).code).toBe(0);
  const dir = join(root, "p");
  initRepo(dir);
  return dir;
}

describe("doctor", () => {
  test("a freshly set-up project is healthy", async () => {
    const dir = await gitProject();
    const { code, doc } = await doctor(dir);
    expect(code).toBe(0);
    expect(doc.findings).toEqual([]);
    expect(doc.healthy).toBe(true);
  });

  test("missing agent files: reported, restored by --fix (edited files untouched), then clean", async () => {
    const dir = await gitProject();
    rmSync(join(dir, ".claude/commands/spec-kitty.next.md"));
    const edited = join(dir, ".claude/commands/spec-kitty.plan.md");
    writeFileSync(edited, "my plan command\n");
    const before = await doctor(dir);
    expect(before.doc.findings).toHaveLength(1);
    expect(before.doc.findings[0]).toMatchObject({
      check: "agent_files",
      severity: "warning",
      auto_fixable: true,
    });
    const fixed = await doctor(dir, "--fix");
    expect(fixed.doc.fixed).toEqual(["restored or updated 1 command file(s) (edited files untouched)"]);
    expect(fixed.doc.findings).toEqual([]);
    expect(existsSync(join(dir, ".claude/commands/spec-kitty.next.md"))).toBe(true);
    expect(readFileSync(edited, "utf8")).toBe("my plan command\n");
  });

  test("merge drivers: a rule without a driver is an error; a driver whose spec-kitty is off PATH too", async () => {
    const dir = await gitProject();
    writeFileSync(
      join(dir, ".gitattributes"),
      "kitty-specs/**/status.events.jsonl merge=spec-kitty-event-log\n",
    );
    const missing = await doctor(dir);
    expect(missing.code).toBe(1);
    expect(missing.doc.findings.find((f) => f.check === "merge_drivers")?.message).toContain(
      "defines no merge.spec-kitty-event-log.driver",
    );
    git(dir, "config", "merge.spec-kitty-event-log.driver", "spec-kitty merge-driver-event-log %O %A %B");
    const offPath = await doctor(dir);
    expect(offPath.doc.findings.find((f) => f.check === "merge_drivers")?.message).toContain("not on PATH");
    const onPath = await runBin(["doctor", "--json"], {
      cwd: dir,
      env: { ...gitEnv(), PATH: `${dirname(BIN)}:${process.env.PATH}` },
    });
    expect(onPath.code).toBe(0);
    expect(checks(JSON.parse(onPath.stdout) as DoctorDoc)).not.toContain("merge_drivers");
  });

  test("a stale claim (no process, no recent commit) is reported with a command that releases it", async () => {
    const p = await loopProject();
    const started = await p.ok(actionArgs("implement", "WP01", "--json"));
    const workspace = String(started.workspace_path);
    // The lane's last commit is a day old: nobody has worked there.
    const old = {
      ...gitEnv(),
      GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z",
      GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z",
    };
    Bun.spawnSync(["git", "commit", "-q", "--allow-empty", "-m", "old"], { cwd: workspace, env: old });
    const { doc } = await doctor(p.root);
    const stale = doc.findings.filter((f) => f.check === "stale_claims");
    expect(stale).toHaveLength(1);
    expect(stale[0]?.subject).toBe(`${SLUG}/WP01`);
    const fix = (stale[0]?.fix ?? "").match(/"[^"]*"|\S+/g)?.map((t) => t.replace(/^"|"$/g, "")) ?? [];
    expect(fix[0]).toBe("spec-kitty");
    expect((await p.sk(fix.slice(1))).code).toBe(0);
    expect(p.lanes().WP01).toBe("planned");
    expect(checks((await doctor(p.root)).doc)).not.toContain("stale_claims");
  });

  test("a fresh claim is not stale", async () => {
    const p = await loopProject();
    await p.ok(actionArgs("implement", "WP01", "--json"));
    expect(checks((await doctor(p.root)).doc)).not.toContain("stale_claims");
  });

  test("worktrees: a vanished one is pruned and an empty leftover folder removed by --fix; one with files only reported", async () => {
    const dir = await gitProject();
    git(dir, "worktree", "add", "-q", "-b", "scratch", join(dir, ".worktrees", "gone"));
    rmSync(join(dir, ".worktrees", "gone"), { recursive: true });
    mkdirSync(join(dir, ".worktrees", "empty"));
    mkdirSync(join(dir, ".worktrees", "husk"));
    writeFileSync(join(dir, ".worktrees", "husk", "notes.txt"), "keep me\n");
    const { doc } = await doctor(dir);
    expect(
      doc.findings.filter((f) => f.check === "worktrees").map((f) => [f.auto_fixable, f.subject]),
    ).toEqual([
      [true, ".worktrees/gone"],
      [true, ".worktrees/empty"],
      [false, ".worktrees/husk"],
    ]);
    const fixed = await doctor(dir, "--fix");
    expect(fixed.doc.fixed).toHaveLength(2);
    expect(git(dir, "worktree", "list")).not.toContain("gone");
    expect(existsSync(join(dir, ".worktrees", "empty"))).toBe(false);
    expect(readFileSync(join(dir, ".worktrees", "husk", "notes.txt"), "utf8")).toBe("keep me\n");
    expect(fixed.doc.findings.map((f) => f.subject)).toEqual([".worktrees/husk"]);
  });

  test("lane branches of missions that do not exist are reported", async () => {
    const dir = await gitProject();
    git(dir, "branch", "kitty/mission-099-ghost-lane-a");
    const { doc } = await doctor(dir);
    expect(doc.findings.find((f) => f.check === "lane_branches")).toMatchObject({
      subject: "kitty/mission-099-ghost-lane-a",
      fix: "git branch -d kitty/mission-099-ghost-lane-a",
    });
  });

  test("duplicate mission numbers are reported", async () => {
    const dir = await gitProject();
    for (const slug of ["001-alpha", "001-beta"]) {
      mkdirSync(join(dir, "kitty-specs", slug), { recursive: true });
      writeFileSync(join(dir, "kitty-specs", slug, "meta.json"), `{"mission_slug": "${slug}"}\n`);
    }
    const { doc } = await doctor(dir);
    expect(doc.findings.find((f) => f.check === "mission_numbers")?.message).toContain(
      "001-alpha and 001-beta",
    );
  });

  test(".kittify/runtime/ tracked by git: an error; --fix untracks it, keeps the files, excludes it locally", async () => {
    const dir = await gitProject();
    mkdirSync(join(dir, ".kittify/runtime"), { recursive: true });
    writeFileSync(join(dir, ".kittify/runtime/journal.json"), "{}\n");
    git(dir, "add", "-f", ".kittify/runtime/journal.json");
    git(dir, "commit", "-q", "-m", "oops");
    const head = git(dir, "rev-parse", "HEAD");
    expect((await doctor(dir)).code).toBe(1);
    const fixed = await doctor(dir, "--fix");
    expect(fixed.code).toBe(0);
    expect(git(dir, "ls-files", ".kittify/runtime")).toBe("");
    expect(existsSync(join(dir, ".kittify/runtime/journal.json"))).toBe(true);
    expect(readFileSync(join(dir, ".git/info/exclude"), "utf8")).toContain("/.kittify/runtime/");
    expect(git(dir, "rev-parse", "HEAD")).toBe(head);
  });

  test("version skew: a project newer than the binary is an error; an older one names the pending migrations", async () => {
    const newer = copyFixture("upgrade-3.2");
    const meta = join(newer, ".kittify/metadata.yaml");
    writeFileSync(meta, readFileSync(meta, "utf8").replace("version: 3.2.5", "version: 3.4.0"));
    const { code, doc } = await doctor(newer);
    expect(code).toBe(1);
    expect(doc.findings.find((f) => f.check === "version_skew")?.severity).toBe("error");
    const older = copyFixture("era-3.0");
    const skew = (await doctor(older)).doc.findings.find(
      (f) => f.check === "version_skew" && f.severity === "warning",
    );
    expect(skew?.message).toContain("lane_state_to_event_log");
    expect(skew?.fix).toBe("spec-kitty upgrade --dry-run");
  });

  test("a broken config is named with its file and line, and the other checks still run", async () => {
    const dir = await gitProject();
    writeFileSync(join(dir, ".kittify/config.yaml"), "agents: [unclosed\n");
    const { code, doc } = await doctor(dir);
    expect(code).toBe(1);
    expect(doc.findings[0]).toMatchObject({ check: "project_files", subject: ".kittify/config.yaml" });
    expect(doc.findings[0]?.message).toContain(".kittify/config.yaml line");
  });

  test("outside a project: exit 1", async () => {
    expect((await runBin(["doctor"], { cwd: tempDir() })).code).toBe(1);
  });
});

describe("verify-setup", () => {
  test("reports where you stand and which tools are on PATH", async () => {
    const dir = await gitProject("claude,gemini");
    const r = await runBin(["verify-setup", "--json"], {
      cwd: join(dir, ".kittify"),
      env: { ...gitEnv(), PATH: `${dirname(BIN)}:${process.env.PATH}` },
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.environment).toMatchObject({
      project_root: dir,
      repo_root: dir,
      in_worktree: false,
      current_branch: "main",
    });
    expect(doc.tools.git.available).toBe(true);
    expect(doc.tools["spec-kitty"]).toMatchObject({ available: true, path: BIN });
    expect(Object.keys(doc.tools)).toEqual(["git", "spec-kitty", "claude", "gemini"]);
    expect(doc.file_integrity).toEqual([
      { agent: "claude", configured: true, health: "ok" },
      { agent: "gemini", configured: true, health: "ok" },
    ]);
    const without = await runBin(["verify-setup"], { cwd: dir, env: gitEnv() });
    expect(without.code).toBe(1);
    expect(without.stdout).toContain("put spec-kitty on PATH");
  });
});
