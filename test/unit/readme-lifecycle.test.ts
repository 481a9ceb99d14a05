/**
 * The README's "Keeping a project healthy" section documents every lifecycle command, and each one it
 * names exists in the command tree (so neither can drift from the other).
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandDef } from "citty";
import { resolveValue } from "../../src/cli/resolve.ts";
import root from "../../src/commands/index.ts";

const README = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");
const section = README.slice(
  README.indexOf("<!-- lifecycle:start -->"),
  README.indexOf("<!-- lifecycle:end -->"),
);

/** The lifecycle groups and commands: every leaf under these paths must be documented. */
const LIFECYCLE = [
  ["agent", "config"],
  ["mission"],
  ["upgrade"],
  ["doctor"],
  ["verify-setup"],
  ["charter"],
  ["research"],
  ["completion"],
  ["validate-tasks"],
  ["agent", "mission", "accept"],
  ["agent", "mission", "merge"],
  ["agent", "tasks", "validate-workflow"],
  ["agent", "tasks", "map-requirements"],
];

async function node(path: string[]): Promise<CommandDef> {
  let cmd = root as CommandDef;
  for (const name of path) {
    const subs = (await resolveValue(cmd.subCommands)) ?? {};
    expect(Object.hasOwn(subs, name)).toBe(true);
    cmd = (await resolveValue(subs[name])) as CommandDef;
  }
  return cmd;
}

async function leaves(path: string[]): Promise<string[][]> {
  const subs = (await resolveValue((await node(path)).subCommands)) ?? {};
  if (Object.keys(subs).length === 0) return [path];
  return (await Promise.all(Object.keys(subs).map((name) => leaves([...path, name])))).flat();
}

test("every lifecycle command is documented in the README", async () => {
  const all = (await Promise.all(LIFECYCLE.map(leaves))).flat().map((p) => `spec-kitty ${p.join(" ")}`);
  expect(all.length).toBeGreaterThanOrEqual(20);
  expect(all.filter((command) => !section.includes(command))).toEqual([]);
});

test("every command the section shows exists", async () => {
  const shown = [...section.matchAll(/^spec-kitty ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*)/gm)].map(
    (m) => m[1] as string,
  );
  expect(shown.length).toBeGreaterThan(15);
  for (const line of shown) {
    const words = line.split(" ");
    let cmd = root as CommandDef;
    for (const word of words) {
      const subs = (await resolveValue(cmd.subCommands)) ?? {};
      if (!Object.hasOwn(subs, word)) break;
      cmd = (await resolveValue(subs[word])) as CommandDef;
    }
    expect(`${line}: ${Boolean(cmd.run)}`).toBe(`${line}: true`);
  }
});
