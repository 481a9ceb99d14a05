import { expect, test } from "bun:test";
import type { CommandDef, CommandMeta } from "citty";
import { isLazyCommand } from "../../src/cli/lazy.ts";
import { resolveValue } from "../../src/cli/resolve.ts";
import root from "../../src/commands/index.ts";

/** Walks the whole command tree; every lazy() summary must equal its command's own first line. */
async function walk(cmd: CommandDef, path: string[], seen: string[]): Promise<void> {
  const subs = (await resolveValue(cmd.subCommands)) ?? {};
  for (const [name, sub] of Object.entries(subs)) {
    expect(isLazyCommand(sub)).toBe(true);
    if (!isLazyCommand(sub)) continue;
    const loaded = await sub();
    const meta: CommandMeta = (await resolveValue(loaded.meta)) ?? {};
    const where = [...path, name].join(" ");
    expect(`${where}: ${sub.summary}`).toBe(`${where}: ${(meta.description ?? "").split("\n")[0]}`);
    expect(`${where}: ${sub.hidden}`).toBe(`${where}: ${Boolean(meta.hidden)}`);
    seen.push(where);
    await walk(loaded, [...path, name], seen);
  }
}

test("every registered command's lazy summary matches its own description", async () => {
  const seen: string[] = [];
  await walk(root as CommandDef, [], seen);
  expect(seen).toContain("agent tasks status");
  expect(seen.length).toBeGreaterThan(30);
});
