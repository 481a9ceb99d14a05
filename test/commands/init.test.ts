import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AGENT_KEYS } from "../../src/core/agents.ts";
import { listFiles, snapshotTree, tempDir } from "../support/fs.ts";
import { git, gitEnv } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const init = (cwd: string, ...args: string[]) => runInProcess(["init", ...args], { cwd });

describe("init (in process)", () => {
  test("--json reports result, path, agents, files and next steps", async () => {
    const cwd = tempDir();
    const r = await init(cwd, "demo", "--ai", "codex", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["result", "project_path", "agents", "files", "next_steps"]);
    expect(doc.result).toBe("initialized");
    expect(doc.project_path).toBe(join(cwd, "demo"));
    expect(doc.agents).toEqual(["codex"]);
    expect([...doc.files].sort()).toEqual(listFiles(join(cwd, "demo")));
    expect(doc.next_steps.join("\n")).toContain("spec-kitty next --agent codex --mission <slug>");
  });

  test("human output ends with the canonical next steps and no top-level implement", async () => {
    const cwd = tempDir();
    const r = await init(cwd, "--ai", "claude,codex");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no git repository, no commit");
    const tail = r.stdout.slice(r.stdout.indexOf("Next steps:"));
    expect(tail).toContain("spec-kitty next --agent claude --mission <slug>");
    expect(tail).toContain("spec-kitty agent action implement <WP> --agent claude");
    expect(tail).toContain("spec-kitty agent action review <WP> --agent claude");
    expect(r.stdout).not.toMatch(/spec-kitty implement\b/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toContain("spec-kitty agent action");
  });

  test("inside a git repository it never says 'no git repository', and the commit step it prints works (failed before)", async () => {
    const cwd = tempDir();
    git(cwd, "init", "-q", "-b", "main");
    const r = await init(cwd, "--ai", "claude");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("no git repository");
    expect(r.stdout).toContain("in the existing git repository; nothing committed");
    // Nothing of git was touched by init itself.
    expect(git(cwd, "status", "--porcelain")).not.toBe("");
    const step = /Commit what init created: (git add .+)$/m.exec(r.stdout)?.[1] as string;
    const sh = Bun.spawnSync(["sh", "-c", step], { cwd, env: gitEnv() });
    expect(sh.exitCode, sh.stderr.toString()).toBe(0);
    expect(git(cwd, "status", "--porcelain")).toBe("");
  });

  test("outside git the next steps say how to make the first commit missions need", async () => {
    const cwd = tempDir();
    const r = await init(cwd, "--ai", "claude");
    const step = /Put the project under git.*: (git init .+)$/m.exec(r.stdout)?.[1] as string;
    const sh = Bun.spawnSync(["sh", "-c", step], { cwd, env: gitEnv() });
    expect(sh.exitCode, sh.stderr.toString()).toBe(0);
    expect(git(cwd, "log", "--format=%s")).toBe("Initial commit");
  });

  test("--help describes files only, no git, no commit, removed --no-git, the loop and all 13 keys", async () => {
    const r = await init(tempDir(), "--help");
    expect(r.code).toBe(0);
    for (const text of [
      "Creates files only",
      "does not create a git repository",
      "does not commit",
      "--no-git",
      "spec-kitty next --agent <agent> --mission <slug>",
      "spec-kitty agent action implement <WP> --agent <agent>",
      "spec-kitty agent action review <WP> --agent <agent>",
      "--dry-run",
      "--non-interactive",
    ]) {
      expect(r.stdout).toContain(text);
    }
    for (const key of AGENT_KEYS) expect(r.stdout).toContain(key);
    expect(r.stdout).not.toMatch(/spec-kitty implement\b/);
  });

  test("removed flags are unknown options (exit 2)", async () => {
    for (const flag of ["--no-git", "--here", "--force", "--script", "--mission"]) {
      const cwd = tempDir();
      const r = await init(cwd, "--ai", "codex", flag);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  test("bad --ai values exit 1 and write nothing", async () => {
    const cases: [string, string][] = [
      ["codex,nope", "nope"],
      ["", "--ai names no agent"],
      [",;", "--ai names no agent"],
    ];
    for (const [value, message] of cases) {
      const cwd = tempDir();
      const r = await init(cwd, "--ai", value);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
      expect(readdirSync(cwd)).toEqual([]);
    }
    const r = await init(tempDir(), "--ai", "nope", "--json");
    expect(JSON.parse(r.stdout).error_code).toBe("INIT_UNKNOWN_AGENT");
    expect(JSON.parse(r.stdout).fix).toContain(AGENT_KEYS.join(", "));
  });

  test("non-interactive without --ai is an error (flag, --yes, env, non-TTY stdin)", async () => {
    for (const args of [["--non-interactive"], ["--yes"], []]) {
      const cwd = tempDir();
      const r = await init(cwd, ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("--ai is required");
      expect(readdirSync(cwd)).toEqual([]);
    }
    const cwd = tempDir();
    const r = await runInProcess(["init"], { cwd, env: { SPEC_KITTY_NON_INTERACTIVE: "yes" } });
    expect(r.code).toBe(1);
  });

  test("--dry-run writes nothing and lists exactly the files a real run creates", async () => {
    const cwd = tempDir();
    const dry = await init(cwd, "demo", "--ai", "gemini,copilot", "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
    const planned = JSON.parse(dry.stdout);
    expect(planned.result).toBe("dry_run");
    const real = JSON.parse((await init(cwd, "demo", "--ai", "gemini,copilot", "--json")).stdout);
    expect(planned.files).toEqual(real.files);
    expect([...planned.files].sort()).toEqual(listFiles(join(cwd, "demo")));
    const human = await init(tempDir(), "--ai", "codex", "--dry-run");
    expect(human.stdout).toContain("nothing was written");
    expect(human.stdout).toContain("  .agents/skills/spec-kitty.next/SKILL.md");
  });

  test("re-run: same agents is a no-op, other agents exit 1 naming both sets", async () => {
    const cwd = tempDir();
    expect((await init(cwd, "--ai", "codex,claude")).code).toBe(0);
    const before = snapshotTree(cwd);
    const again = await init(cwd, "--ai", "CLAUDE;codex");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Already initialized");
    const bare = await init(cwd, "--json");
    expect(JSON.parse(bare.stdout).result).toBe("already_initialized");
    const other = await init(cwd, "--ai", "gemini");
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("[codex, claude]");
    expect(other.stderr).toContain("[gemini]");
    // the fix names the commands that change the agents (init only ever sets them up once)
    expect(other.stderr).toContain("spec-kitty agent config add gemini");
    expect(other.stderr).toContain("spec-kitty agent config remove codex,claude");
    expect(snapshotTree(cwd)).toEqual(before);
    const named = await init(join(cwd, ".."), cwd.split("/").at(-1) as string, "--ai", "codex,claude");
    expect(named.code).toBe(0);
    expect(snapshotTree(cwd)).toEqual(before);
  });

  test("a named directory that is not empty and not a project is a conflict", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.txt"), "mine");
    const r = await init(cwd, "taken", "--ai", "codex");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("notes.txt");
    expect(readdirSync(join(cwd, "taken"))).toEqual(["notes.txt"]);
    mkdirSync(join(cwd, "empty"));
    expect((await init(cwd, "empty", "--ai", "codex")).code).toBe(0);
    expect(existsSync(join(cwd, "empty", ".kittify", "config.yaml"))).toBe(true);
  });

  test("a target that is a file, or under a file, is refused", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "file"), "x");
    for (const name of ["file", "file/sub"]) {
      const r = await init(cwd, name, "--ai", "codex");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("file");
    }
    expect(readdirSync(cwd)).toEqual(["file"]);
    expect(readFileSync(join(cwd, "file"), "utf8")).toBe("x");
  });

  test("the current directory may hold files, but init never overwrites one", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "README.md"), "hello");
    mkdirSync(join(cwd, ".agents", "skills", "spec-kitty.next"), { recursive: true });
    writeFileSync(join(cwd, ".agents", "skills", "spec-kitty.next", "SKILL.md"), "user's own");
    const before = snapshotTree(cwd);
    const r = await init(cwd, "--ai", "codex");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".agents/skills/spec-kitty.next/SKILL.md");
    expect(snapshotTree(cwd)).toEqual(before);
    expect(existsSync(join(cwd, ".kittify"))).toBe(false);
  });

  test("'.' means the current directory", async () => {
    const cwd = tempDir();
    const r = await init(cwd, ".", "--ai", "roo", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).project_path).toBe(cwd);
    expect(existsSync(join(cwd, ".roo", "commands", "spec-kitty.next.md"))).toBe(true);
  });

  test("a broken existing config.yaml is reported by name, and left alone", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, ".kittify"));
    writeFileSync(join(cwd, ".kittify", "config.yaml"), "agents: [oops\n");
    const r = await init(cwd, "--ai", "codex");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".kittify/config.yaml");
    expect(readFileSync(join(cwd, ".kittify", "config.yaml"), "utf8")).toBe("agents: [oops\n");
    expect(readdirSync(join(cwd, ".kittify"))).toEqual(["config.yaml"]);
  });
});
