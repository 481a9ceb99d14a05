/**
 * A UTF-8 byte-order mark is read the same way by every reader of the event log (dropped, as editors
 * do), and an append after it keeps the log readable: failed before, some commands accepted a BOM and
 * others refused it.
 */
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../../src/core/status/event.ts";
import { type Ctx, newCase, runCase, SLUG } from "./harness.ts";

const M = ["--mission", SLUG];
const READERS = [
  ["agent", "tasks", "status", ...M, "--json"],
  ["agent", "tasks", "list-tasks", ...M, "--json"],
  ["agent", "status", "validate", ...M, "--json"],
  ["agent", "status", "materialize", ...M, "--json"],
  ["next", "--agent", "claude", ...M, "--json"],
];

async function board(ctx: Ctx): Promise<unknown> {
  const out = await runCase(["agent", "tasks", "status", ...M, "--json"], ctx.root, { tmp: ctx.tmp });
  expect(out.code).toBe(0);
  const doc = JSON.parse(out.output) as {
    work_packages: { id?: string; work_package_id?: string; lane: string }[];
  };
  return doc.work_packages;
}

test("a BOM at the start of the event log: every reader accepts it and agrees with the log without it", async () => {
  const plain = newCase();
  const bom = newCase();
  const log = (ctx: Ctx) => join(ctx.mission, "status.events.jsonl");
  writeFileSync(log(bom), `\uFEFF${readFileSync(log(bom), "utf8")}`);
  for (const argv of READERS) {
    const a = await runCase(argv, plain.root, { tmp: plain.tmp });
    const b = await runCase(argv, bom.root, { tmp: bom.tmp });
    expect({ argv, code: b.code }).toEqual({ argv, code: a.code });
    expect(b.code).toBe(0);
  }
  expect(await board(bom)).toEqual(await board(plain));
  const emitted = await runCase(
    ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
    bom.root,
    {
      tmp: bom.tmp,
    },
  );
  expect(emitted.code).toBe(0);
  const text = readFileSync(log(bom), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.split("\uFEFF")).toHaveLength(2); // the BOM stays where it was, nothing lands before it
  expect(parseEventLog(text.slice(1), "log").map((e) => e.wp_id)).toEqual([
    "WP01",
    "WP02",
    "WP03",
    "WP04",
    "WP04",
  ]);
});

test("a log that is only a BOM: the first append starts a new line after it and every reader reads one event", async () => {
  const ctx = newCase();
  const log = join(ctx.mission, "status.events.jsonl");
  writeFileSync(log, "\uFEFF");
  const emitted = await runCase(
    ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
    ctx.root,
    {
      tmp: ctx.tmp,
    },
  );
  expect(emitted.code).toBe(0);
  const validate = await runCase(["agent", "status", "validate", ...M, "--json"], ctx.root, { tmp: ctx.tmp });
  expect(JSON.parse(validate.output)).toMatchObject({ valid: true, event_count: 1 });
  for (const argv of READERS) expect((await runCase(argv, ctx.root, { tmp: ctx.tmp })).code).toBe(0);
});
