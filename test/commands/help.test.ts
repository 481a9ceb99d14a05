/**
 * The CLI surface as a contract: `--help` of every command, snapshotted. A change to any command name,
 * flag, default or help text shows up here as a snapshot diff (update with `bun test -u` on purpose).
 */
import { describe, expect, test } from "bun:test";
import type { CommandDef } from "citty";
import { resolveValue } from "../../src/cli/resolve.ts";
import root from "../../src/commands/index.ts";
import { tempDir } from "../support/fs.ts";
import { runInProcess } from "../support/run.ts";

async function commandPaths(cmd: CommandDef, path: string[] = []): Promise<string[][]> {
  const out: string[][] = [path];
  const subs = (await resolveValue(cmd.subCommands)) ?? {};
  for (const [name, sub] of Object.entries(subs)) {
    out.push(...(await commandPaths((await resolveValue(sub)) as CommandDef, [...path, name])));
  }
  return out;
}

describe("--help of every command", async () => {
  const cwd = tempDir();
  const paths = await commandPaths(root as CommandDef);

  test("the tree has every command group", () => {
    expect(paths.length).toBeGreaterThan(30);
  });

  for (const path of paths) {
    test(`spec-kitty ${path.join(" ")} --help`, async () => {
      const r = await runInProcess([...path, "--help"], { cwd, env: { COLUMNS: "120" } });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatchSnapshot();
    });
  }
});
