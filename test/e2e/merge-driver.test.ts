import { expect, test } from "bun:test";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../src/core/status/event.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
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

/** The drivers spec-kitty 3.2.6's .gitattributes names (fixtures/era-3.2), registered as its init does. */
function registerDrivers(root: string): void {
  for (const [key, command] of [
    ["spec-kitty-event-log", "merge-driver-event-log"],
    ["spec-kitty-meta", "merge-driver-meta"],
    ["spec-kitty-traces", "merge-driver-traces"],
    ["spec-kitty-issue-matrix", "merge-driver-issue-matrix"],
    ["spec-kitty-acceptance-matrix", "merge-driver-acceptance-matrix"],
    ["spec-kitty-review-cycle", "merge-driver-review-cycle"],
  ] as const) {
    git(root, "config", `merge.${key}.name`, key);
    git(root, "config", `merge.${key}.driver`, `${BIN} ${command} %O %A %B`);
  }
}

const M = "kitty-specs/invoice-pdf-export-01KVMP86";

function edit(root: string, rel: string, change: (text: string) => string): void {
  const path = join(root, rel);
  writeFileSync(path, change(existsSync(path) ? readFileSync(path, "utf8") : ""));
}

test("a 3.2 project merges with every driver its .gitattributes names: meta, traces, matrices, review cycles, the log", () => {
  const root = copyFixture("era-3.2");
  mkdirSync(join(root, M, "traces"));
  writeFileSync(join(root, M, "traces", "impl.md"), "# Trace\n\n- started\n");
  const row = (id: string, pass: string) => ({
    criterion_id: id,
    description: id,
    proof_type: "code_review",
    evidence: null,
    pass_fail: pass,
  });
  const matrix = (rows: object[]) =>
    `${JSON.stringify({ mission_slug: "invoice-pdf-export-01KVMP86", overall_verdict: "pending", criteria: rows, negative_invariants: [] }, null, 2)}\n`;
  writeFileSync(
    join(root, M, "acceptance-matrix.json"),
    matrix([row("AC-1", "pending"), row("AC-2", "pending")]),
  );
  writeFileSync(
    join(root, M, "issue-matrix.json"),
    `${JSON.stringify({ schema_version: 1, rows: { "#12": { status: "open" } } }, null, 2)}\n`,
  );
  initRepo(root);
  registerDrivers(root);

  git(root, "checkout", "-q", "-b", "kitty/mission-invoice-pdf-export-01KVMP86");
  edit(root, `${M}/meta.json`, (t) =>
    t.replace(
      '"purpose_tldr": "Print berth invoices as PDF."',
      '"purpose_tldr": "Print berth invoices as PDF and email them."',
    ),
  );
  edit(root, `${M}/traces/impl.md`, (t) => `${t}- mission branch step\n`);
  writeFileSync(
    join(root, M, "acceptance-matrix.json"),
    matrix([row("AC-1", "pass"), row("AC-2", "pending")]),
  );
  writeFileSync(
    join(root, M, "issue-matrix.json"),
    `${JSON.stringify({ schema_version: 1, rows: { "#12": { status: "open" }, "GH-14": { status: "new" } } }, null, 2)}\n`,
  );
  edit(
    root,
    `${M}/tasks/WP02-pdf-renderer/review-cycle-1.md`,
    (t) => `${t}\nFollow-up from the mission branch.\n`,
  );
  edit(
    root,
    `${M}/status.events.jsonl`,
    (t) =>
      `${t}{"actor": "claude", "at": "2026-07-01T10:00:00+00:00", "delta": {"note": "mission side"}, "event_id": "01KVTZ0000000000000000000A", "kind": "annotation", "wp_id": "WP01"}\n`,
  );
  git(root, "commit", "-q", "-am", "mission branch work");

  git(root, "checkout", "-q", "main");
  edit(root, `${M}/meta.json`, (t) => t.replace('"mission_number": 12', '"mission_number": 13'));
  edit(root, `${M}/traces/impl.md`, (t) => `${t}- main step\n`);
  writeFileSync(
    join(root, M, "acceptance-matrix.json"),
    matrix([row("AC-1", "pending"), row("AC-2", "pass")]),
  );
  writeFileSync(
    join(root, M, "issue-matrix.json"),
    `${JSON.stringify({ schema_version: 1, rows: { "12": { status: "fixed" } } }, null, 2)}\n`,
  );
  edit(
    root,
    `${M}/status.events.jsonl`,
    (t) =>
      `${t}{"aggregate_id": "x", "event_id": "01KVTZ0000000000000000000B", "event_type": "FollowUpRecorded", "payload": {}, "timestamp": "2026-07-01T11:00:00+00:00"}\n`,
  );
  git(root, "commit", "-q", "-am", "main work");

  git(root, "merge", "-q", "--no-edit", "kitty/mission-invoice-pdf-export-01KVMP86");
  expect(git(root, "status", "--porcelain")).toBe("");
  const meta = JSON.parse(readFileSync(join(root, M, "meta.json"), "utf8"));
  expect([meta.mission_number, meta.purpose_tldr]).toEqual([
    13,
    "Print berth invoices as PDF and email them.",
  ]);
  // Ours, then theirs' new lines; blank lines are kept as spacing (spec-kitty 3.2.6's trace union).
  expect(readFileSync(join(root, M, "traces", "impl.md"), "utf8")).toBe(
    "# Trace\n\n- started\n- main step\n\n- mission branch step\n",
  );
  const acceptance = JSON.parse(readFileSync(join(root, M, "acceptance-matrix.json"), "utf8"));
  expect(acceptance.criteria.map((c: { pass_fail: string }) => c.pass_fail)).toEqual(["pass", "pass"]);
  expect(acceptance.overall_verdict).toBe("pass");
  const issues = JSON.parse(readFileSync(join(root, M, "issue-matrix.json"), "utf8"));
  expect(issues.rows).toEqual({ "#12": { status: "fixed" }, "#14": { status: "new" } });
  expect(readFileSync(join(root, M, "tasks/WP02-pdf-renderer/review-cycle-1.md"), "utf8")).toContain(
    "Follow-up from the mission branch.",
  );
  const log = readFileSync(join(root, M, "status.events.jsonl"), "utf8");
  expect(log).toContain('"kind": "annotation"');
  expect(log).toContain('"event_type": "FollowUpRecorded"');
}, 120_000);

test("two different review records under one name are a conflict for a person, never blended", () => {
  const root = copyFixture("era-3.2");
  initRepo(root);
  registerDrivers(root);
  const file = `${M}/tasks/WP02-pdf-renderer/review-cycle-1.md`;
  git(root, "checkout", "-q", "-b", "side");
  edit(root, file, (t) => t.replace(/\n[^\n]*\n?$/, "\nThe side branch's verdict text.\n"));
  git(root, "commit", "-q", "-am", "side");
  git(root, "checkout", "-q", "main");
  edit(root, file, (t) => t.replace(/\n[^\n]*\n?$/, "\nMain's verdict text.\n"));
  git(root, "commit", "-q", "-am", "main");
  const merge = Bun.spawnSync(["git", "merge", "--no-edit", "side"], { cwd: root, env: gitEnv() });
  expect(merge.exitCode).not.toBe(0);
  const text = readFileSync(join(root, file), "utf8");
  expect(text).toContain("<<<<<<< ours");
  expect(text).toContain("Main's verdict text.");
  expect(text).toContain("The side branch's verdict text.");
}, 120_000);

test("driver paths must be git's three sibling temp files", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "sub"));
  for (const name of ["O", "A", "sub/B"]) writeFileSync(join(dir, name), "{}\n");
  const run = await runBin(["merge-driver-meta", "O", "A", "sub/B"], { cwd: dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("must be files in one directory");
}, 120_000);
