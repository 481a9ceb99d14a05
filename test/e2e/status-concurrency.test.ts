import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { bootstrapStatus } from "../../src/core/status/bootstrap.ts";
import { parseEventLog } from "../../src/core/status/event.ts";
import { copyFixture } from "../support/fs.ts";
import { initRepo } from "../support/git.ts";
import { runBin } from "../support/run.ts";

const MISSION = "kitty-specs/001-status-demo";

test("16 parallel status writers on different WPs: every event present, every line valid JSON", async () => {
  const root = copyFixture("status-board");
  initRepo(root);
  const wps = Array.from({ length: 16 }, (_, i) => `WP${String(i + 2).padStart(2, "0")}`);
  // Half the writers are move-task (which also edits the WP file), half the raw emit. Every WP gets a
  // file without dependencies (emit refuses WPs that do not exist), so the gate lets each one start.
  const movers = wps.slice(8);
  const existing = readdirSync(join(root, MISSION, "tasks")).map((name) => name.slice(0, 4));
  for (const wp of wps.filter((id) => !existing.includes(id))) {
    writeFileSync(
      join(root, MISSION, "tasks", `${wp}-extra.md`),
      `---\nwork_package_id: ${wp}\ntitle: Extra\n---\n\nBody\n`,
    );
  }
  await bootstrapStatus(resolveMission(root, "001-status-demo"), movers, "finalize-tasks");
  const before = readFileSync(join(root, MISSION, "status.events.jsonl"), "utf8")
    .trimEnd()
    .split("\n").length;
  const argv = (wp: string, i: number) =>
    i >= 8
      ? ["agent", "tasks", "move-task", wp, "--to", "claimed", "--agent", `agent-${i}`]
      : ["agent", "status", "emit", wp, "--to", "claimed", "--actor", `agent-${i}`];
  // All 16 processes are started before any is awaited; the status lock is the only thing ordering them.
  const results = await Promise.all(
    wps.map((wp, i) => runBin([...argv(wp, i), "--mission", "001-status-demo", "--json"], { cwd: root })),
  );
  for (const result of results) expect(result).toMatchObject({ code: 0, stderr: "" });
  const text = readFileSync(join(root, MISSION, "status.events.jsonl"), "utf8");
  const lines = text.trimEnd().split("\n");
  expect(lines).toHaveLength(before + 16);
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const events = parseEventLog(text, "log");
  expect(new Set(events.slice(before).map((e) => e.wp_id))).toEqual(new Set(wps));
  expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  const status = JSON.parse(readFileSync(join(root, MISSION, "status.json"), "utf8"));
  expect(status.summary.claimed).toBe(16);
  for (const [i, wp] of movers.entries()) {
    const text = readFileSync(join(root, MISSION, "tasks", `${wp}-extra.md`), "utf8");
    expect(text).toContain(`agent-${i + 8} – Moved to claimed`);
  }
  expect(status.event_count).toBe(before + 16);
}, 120_000);

test("a crash between temp write and rename leaves status.json as it was", async () => {
  const root = copyFixture("status-board");
  const dir = join(root, MISSION);
  expect(existsSync(join(dir, "status.json"))).toBe(false);
  const crashed = await runBin(["agent", "status", "materialize", "--mission", "001-status-demo"], {
    cwd: root,
    env: { SPEC_KITTY_FAULT: "after-temp-write" },
  });
  expect(crashed.code).not.toBe(0);
  expect(existsSync(join(dir, "status.json"))).toBe(false);
  // Only the hidden, complete temp file may be left behind; never a partial status.json.
  for (const name of readdirSync(dir)) expect(name === "status.json").toBe(false);
  const ok = await runBin(["agent", "status", "materialize", "--mission", "001-status-demo", "--json"], {
    cwd: root,
  });
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ result: "success", written: true, event_count: 6 });
  expect(JSON.parse(readFileSync(join(dir, "status.json"), "utf8")).event_count).toBe(6);
}, 120_000);

test("emit killed while materialising: the log has the whole event, status.json is old, validate then repairs", async () => {
  const root = copyFixture("status-board");
  const dir = join(root, MISSION);
  const materialized = await runBin(["agent", "status", "materialize", "--mission", "001-status-demo"], {
    cwd: root,
  });
  expect(materialized.code).toBe(0);
  const oldStatus = readFileSync(join(dir, "status.json"), "utf8");
  const crashed = await runBin(
    ["agent", "status", "emit", "WP02", "--to", "claimed", "--actor", "x", "--mission", "001-status-demo"],
    { cwd: root, env: { SPEC_KITTY_FAULT: "after-temp-write" } },
  );
  expect(crashed.code).not.toBe(0);
  const events = parseEventLog(readFileSync(join(dir, "status.events.jsonl"), "utf8"), "log");
  expect(events).toHaveLength(7);
  expect(events[6]).toMatchObject({ wp_id: "WP02", to_lane: "claimed" });
  expect(readFileSync(join(dir, "status.json"), "utf8")).toBe(oldStatus);
  const check = await runBin(["agent", "status", "validate", "--mission", "001-status-demo", "--json"], {
    cwd: root,
  });
  expect(JSON.parse(check.stdout).warnings.join(" ")).toContain("status.json is stale");
  const repaired = await runBin(
    ["agent", "status", "materialize", "--mission", "001-status-demo", "--json"],
    { cwd: root },
  );
  expect(JSON.parse(repaired.stdout)).toMatchObject({ written: true, event_count: 7 });
}, 120_000);
