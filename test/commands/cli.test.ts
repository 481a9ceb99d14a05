import { describe, expect, test } from "bun:test";
import pkg from "../../package.json" with { type: "json" };
import { tempDir } from "../support/fs.ts";
import { runInProcess } from "../support/run.ts";

describe("CLI core (in process)", () => {
  const cwd = tempDir();

  test("--version prints the package version", async () => {
    const r = await runInProcess(["--version"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`spec-kitty ${pkg.version}`);
  });

  test("unknown command is a usage error naming it", async () => {
    const r = await runInProcess(["frobnicate"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  test("unknown option is a usage error naming it", async () => {
    const r = await runInProcess(["init", "--no-git"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--no-git");
  });

  test("a usage error under --json is one JSON document on stdout", async () => {
    const r = await runInProcess(["init", "--bogus", "--json"], { cwd });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error_code).toBe("USAGE");
    expect(doc.error).toContain("--bogus");
  });

  test("root --help lists commands", async () => {
    const r = await runInProcess(["--help"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("init");
  });
});

describe("variadic positionals", () => {
  test("mark-status takes several ids as separate arguments, and surplus args elsewhere stay errors", async () => {
    const { copyFixture } = await import("../support/fs.ts");
    const root = copyFixture("mission-tasks");
    const tasks = await Bun.file(`${root}/kitty-specs/001-report-tool/tasks.md`).text();
    const ids = [...tasks.matchAll(/- \[ \] (T\d{3})/g)].map((m) => m[1] as string).slice(0, 2);
    expect(ids.length).toBe(2);
    const r = await runInProcess(
      ["agent", "tasks", "mark-status", ...ids, "--status", "done", "--mission", "001-report-tool", "--json"],
      { cwd: root },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).updated).toEqual(ids);
    const extra = await runInProcess(["init", "a", "b", "--ai", "codex"], { cwd: root });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected argument 'b'");
  });
});
