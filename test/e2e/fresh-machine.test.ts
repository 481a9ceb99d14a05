/**
 * The design card's promise: the binary alone is enough to install and to run `init`. It is copied
 * into an empty directory and run with PATH pointing only there — no git, node or bun reachable —
 * through init and task status; a mission (whose work lives on git branches) is refused at once with
 * the git commands that make it possible, rather than failing at the first `implement`.
 */
import { describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { tempDir } from "../support/fs.ts";
import { BIN } from "../support/run.ts";

// The host build is the linux-x64 release target on this CI; elsewhere it is still "the binary alone".
const machine = tempDir("sk-fresh-");
const binDir = join(machine, "bin");
const work = join(machine, "work");
mkdirSync(binDir);
mkdirSync(work);
const exe = join(binDir, "spec-kitty");
copyFileSync(BIN, exe);

function run(args: string[], cwd: string) {
  const proc = Bun.spawnSync([exe, ...args], {
    cwd,
    env: { PATH: binDir, HOME: join(machine, "home"), NO_COLOR: "1" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: proc.exitCode, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

describe("fresh machine: only the binary on PATH", () => {
  test("the PATH really has no git, node or bun", () => {
    expect(readdirSync(binDir)).toEqual(["spec-kitty"]);
    for (const tool of ["git", "node", "bun"]) expect(Bun.which(tool, { PATH: binDir })).toBeNull();
  });

  test("--version, init, tasks status; mission create outside git stops at once and names the fix", () => {
    const version = run(["--version"], work);
    expect(version.stdout.trim()).toBe(`spec-kitty ${pkg.version}`);

    const init = run(["init", "demo", "--ai", "codex"], work);
    expect(init.code, init.stderr).toBe(0);
    const demo = join(work, "demo");
    expect(existsSync(join(demo, ".kittify", "metadata.yaml"))).toBe(true);
    expect(existsSync(join(demo, ".git"))).toBe(false);

    const create = run(["agent", "mission", "create", "hello-world", "--json"], demo);
    expect(create.code).toBe(1);
    const refused = JSON.parse(create.stdout);
    expect(refused.error_code).toBe("NOT_A_GIT_REPO");
    expect(refused.fix).toContain("git init && git add -A && git commit");
    expect(existsSync(join(demo, "kitty-specs", "001-hello-world"))).toBe(false);

    const status = run(["agent", "tasks", "status", "--json"], demo);
    expect(status.code, status.stderr).toBe(0);
    expect(() => JSON.parse(status.stdout)).not.toThrow();
  });
});
