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

  test("Object.prototype names are unknown commands, not internal errors", async () => {
    for (const name of ["hasOwnProperty", "constructor", "__proto__", "toString"]) {
      const r = await runInProcess([name], { cwd });
      expect({ name, code: r.code }).toEqual({ name, code: 2 });
      expect(r.stderr).toContain(`unknown command '${name}'`);
      expect(r.stderr).not.toContain("bug in spec-kitty");
    }
    const nested = await runInProcess(["agent", "constructor"], { cwd });
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("unknown command 'agent constructor'");
  });

  test("-V, -v, --version and `version` print the version", async () => {
    for (const argv of [["-V"], ["-v"], ["--version"], ["version"]]) {
      const r = await runInProcess(argv, { cwd });
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(`spec-kitty ${pkg.version}`);
    }
    const json = await runInProcess(["version", "--json"], { cwd });
    expect(JSON.parse(json.stdout)).toEqual({ version: pkg.version });
  });

  test("an unknown flag on the root or a group names the flag (it used to say \"'' needs a command\")", async () => {
    const r = await runInProcess(["--bogus"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus' for 'spec-kitty'");
    const group = await runInProcess(["agent", "--frob"], { cwd });
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("unknown option '--frob' for 'spec-kitty agent'");
    const bare = await runInProcess(["agent", "tasks", "extra"], { cwd });
    expect(bare.code).toBe(2);
  });

  test("a close miss gets a suggestion", async () => {
    const cmd = await runInProcess(["mrege"], { cwd });
    expect(cmd.stderr).toContain("did you mean 'merge'?");
    const nested = await runInProcess(["agent", "taks"], { cwd });
    expect(nested.stderr).toContain("did you mean 'tasks'?");
    const flag = await runInProcess(["init", "--jsn"], { cwd });
    expect(flag.stderr).toContain("did you mean '--json'?");
    const far = await runInProcess(["zzzzzz"], { cwd });
    expect(far.stderr).not.toContain("did you mean");
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
