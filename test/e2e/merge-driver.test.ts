import { expect, test } from "bun:test";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../src/core/status/event.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";
import { BIN, runBin } from "../support/run.ts";

const LOG = "kitty-specs/001-status-demo/status.events.jsonl";

function eventLine(id: string, at: string, wp: string, actor: string): string {
  return `{"actor": "${actor}", "at": "${at}", "event_id": "${id}", "evidence": null, "execution_mode": "worktree", "force": true, "from_lane": "planned", "mission_slug": "001-status-demo", "policy_metadata": null, "reason": "test", "review_ref": null, "to_lane": "blocked", "wp_id": "${wp}"}\n`;
}

test("git merge with the driver configured unions divergent logs without conflict", () => {
  const root = copyFixture("status-board");
  writeFileSync(
    join(root, ".gitattributes"),
    "kitty-specs/**/status.events.jsonl merge=spec-kitty-event-log\n",
  );
  initRepo(root);
  git(root, "config", "merge.spec-kitty-event-log.driver", `${BIN} merge-driver-event-log %O %A %B`);
  git(root, "checkout", "-q", "-b", "side");
  appendFileSync(
    join(root, LOG),
    eventLine("01KK0000000000000000000S01", "2026-03-03T10:00:02+00:00", "WP03", "side"),
  );
  git(root, "commit", "-q", "-am", "side event");
  git(root, "checkout", "-q", "main");
  appendFileSync(
    join(root, LOG),
    eventLine("01KK0000000000000000000M01", "2026-03-03T10:00:01+00:00", "WP04", "main"),
  );
  git(root, "commit", "-q", "-am", "main event");
  git(root, "merge", "-q", "--no-edit", "side");

  const merged = readFileSync(join(root, LOG), "utf8");
  const events = parseEventLog(merged, LOG);
  expect(events).toHaveLength(8);
  expect(events.slice(-2).map((e) => e.actor)).toEqual(["main", "side"]);
  expect(merged).not.toContain("<<<<<<<");
  expect(git(root, "status", "--porcelain")).toBe("");
}, 120_000);

test("direct call: writes the union to %A and exits 0; a malformed side exits 1 naming file and line", async () => {
  const dir = tempDir();
  const a = eventLine("01KK0000000000000000000A01", "2026-03-03T10:00:01+00:00", "WP01", "a");
  const b = eventLine("01KK0000000000000000000B01", "2026-03-03T10:00:00+00:00", "WP02", "b");
  writeFileSync(join(dir, "O"), "");
  writeFileSync(join(dir, "A"), a);
  writeFileSync(join(dir, "B"), b + a);
  const ok = await runBin(["merge-driver-event-log", "O", "A", "B"], { cwd: dir });
  expect(ok.code).toBe(0);
  expect(readFileSync(join(dir, "A"), "utf8")).toBe(b + a);
  const again = await runBin(["merge-driver-event-log", "O", "A", "B"], { cwd: dir });
  expect(again.code).toBe(0);
  expect(readFileSync(join(dir, "A"), "utf8")).toBe(b + a);

  writeFileSync(join(dir, "B"), `${b}{"broken"\n`);
  const bad = await runBin(["merge-driver-event-log", "O", "A", "B"], { cwd: dir });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("B line 2");
  expect(readFileSync(join(dir, "A"), "utf8")).toBe(b + a);
}, 120_000);

test("the driver is hidden from help", async () => {
  const help = await runBin(["--help"], { cwd: tempDir() });
  expect(help.stdout).not.toContain("merge-driver-event-log");
}, 120_000);
