import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../src/core/status/event.ts";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const SLUG = "001-status-demo";
const M = ["--mission", SLUG];
const dirOf = (root: string) => join(root, "kitty-specs", SLUG);
const eventsOf = (root: string) => {
  const path = join(dirOf(root), "status.events.jsonl");
  return parseEventLog(readFileSync(path, "utf8"), path);
};
const run = (root: string, ...args: string[]) => runInProcess(["agent", "tasks", ...args], { cwd: root });
const json = async (root: string, ...args: string[]) => {
  const r = await run(root, ...args, "--json");
  return { code: r.code, doc: JSON.parse(r.stdout) };
};

describe("agent tasks status", () => {
  test("--json has the upstream shape and the lanes from the log", async () => {
    const root = copyFixture("status-board");
    const { code, doc } = await json(root, "status", ...M);
    expect(code).toBe(0);
    expect(Object.keys(doc)).toEqual([
      "mission_slug",
      "mission_id",
      "mission_number",
      "mission_type",
      "total_wps",
      "by_lane",
      "work_packages",
      "progress_percentage",
      "stale_wps",
      "auto_commit",
      // Extensions, after every upstream key.
      "status_source",
      "warnings",
      "claim_conflicts",
    ]);
    expect(doc).toMatchObject({
      status_source: "event_log",
      warnings: [],
      mission_slug: SLUG,
      mission_number: "001",
      mission_type: "software-dev",
      total_wps: 4,
      by_lane: { planned: 3, in_progress: 1 },
      progress_percentage: 7.5,
      auto_commit: true, // config.yaml does not say: spec-kitty's default
    });
    expect(doc.work_packages[0]).toMatchObject({
      id: "WP01",
      title: "Parser core",
      lane: "in_progress",
      phase: "Phase 1 - Core",
      file: "WP01-parser-core.md",
      agent: "claude",
      shell_pid: "4242",
      execution_mode: "code_change",
      workspace_kind: "lane_workspace",
      is_stale: false,
      worktree_exists: false,
      prompt_file_missing: false,
      has_status: true,
      lane_source: "event_log",
    });
    expect(doc.work_packages[2]).toMatchObject({ id: "WP03", workspace_kind: "repo_root" });
    expect(doc.work_packages[2].is_stale).toBeUndefined();
  });

  test("on a terminal it draws a board with columns, progress and the next command", async () => {
    const r = await run(copyFixture("status-board"), "status", ...M);
    expect(r.code).toBe(0);
    for (const text of [
      "Planned (3)",
      "Doing (1)",
      "Review (0)",
      "Approved (0)",
      "Done (0)",
      "0/4 done",
      "WP01 Parser",
    ])
      expect(r.stdout).toContain(text);
    expect(r.stdout).toContain(`spec-kitty next --agent claude --mission ${SLUG}`);
  });

  test("a legacy mission (no mission_id, feature_slug events, doing) still displays", async () => {
    const { code, doc } = await json(copyFixture("status-legacy"), "status", "--mission", "007-old-feature");
    expect(code).toBe(0);
    expect(doc).toMatchObject({
      mission_id: null,
      mission_number: "007",
      by_lane: { planned: 1, in_progress: 1 },
    });
  });
});

describe("agent tasks move-task", () => {
  test("a forward move chains every hop with the same reason, and records agent and activity", async () => {
    const root = copyFixture("status-board");
    const { code, doc } = await json(root, "move-task", "WP03", "--to", "doing", "--agent", "codex", ...M);
    expect(code).toBe(0);
    expect(doc).toMatchObject({
      result: "success",
      task_id: "WP03",
      old_lane: "planned",
      new_lane: "in_progress",
    });
    const added = eventsOf(root).slice(6);
    expect(added.map((e) => [e.from_lane, e.to_lane, e.actor, e.force, e.reason])).toEqual([
      ["planned", "claimed", "codex", false, "move-task: planned -> in_progress"],
      ["claimed", "in_progress", "codex", false, "move-task: planned -> in_progress"],
    ]);
    const wp = readFileSync(join(dirOf(root), "tasks/WP03-docs-page.md"), "utf8");
    expect(wp).toMatch(/^agent: ['"]?codex['"]?$/m);
    expect(wp).toMatch(/- \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ – codex – Moved to in_progress\n$/);
  });

  test("review needs checked subtasks: refused with nothing changed, then accepted after mark-status", async () => {
    const root = copyFixture("status-board");
    await run(root, "move-task", "WP03", "--to", "in_progress", "--agent", "codex", ...M);
    const before = snapshotTree(root);
    const refused = await json(root, "move-task", "WP03", "--to", "for_review", "--agent", "codex", ...M);
    expect(refused.code).toBe(1);
    expect(refused.doc.error_code).toBe("SUBTASKS_OPEN");
    expect(snapshotTree(root)).toEqual(before);
    const marked = await json(root, "mark-status", "T005", "--status", "done", ...M);
    expect(marked.doc).toMatchObject({
      result: "success",
      updated: ["T005"],
      not_found: [],
      count: 1,
    });
    expect(readFileSync(join(dirOf(root), "tasks.md"), "utf8")).toContain("- [x] T005 Write the usage page");
    const moved = await json(root, "move-task", "WP03", "--to", "for_review", "--agent", "codex", ...M);
    expect(moved.code).toBe(0);
    expect(eventsOf(root).at(-1)).toMatchObject({ from_lane: "in_progress", to_lane: "for_review" });
  });

  test("approve walks in_progress → for_review → in_review → approved with evidence on the last hop", async () => {
    const root = copyFixture("status-board");
    const { code } = await json(
      root,
      "move-task",
      "WP01",
      "--to",
      "approved",
      "--agent",
      "claude",
      "--note",
      "LGTM",
      ...M,
    );
    expect(code).toBe(0);
    const added = eventsOf(root).slice(6);
    expect(added.map((e) => e.to_lane)).toEqual(["for_review", "in_review", "approved"]);
    expect(added.map((e) => e.evidence === null)).toEqual([true, true, false]);
    expect(added[2]?.evidence).toEqual({
      review: { reference: "LGTM", reviewer: "claude", verdict: "approved" },
    });
  });

  test("--force records exactly one event with a default reason", async () => {
    const root = copyFixture("status-board");
    const { code } = await json(
      root,
      "move-task",
      "WP03",
      "--to",
      "done",
      "--force",
      "--agent",
      "lead",
      ...M,
    );
    expect(code).toBe(0);
    const added = eventsOf(root).slice(6);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      from_lane: "planned",
      to_lane: "done",
      force: true,
      reason: "Force move to done",
    });
  });

  test("rejection stores one review-cycle file per cycle, numbered upwards, and points the event at it", async () => {
    const root = copyFixture("status-board");
    const feedback = join(root, "feedback.md");
    writeFileSync(feedback, "Please handle empty input.\n");
    const first = await json(
      root,
      "move-task",
      "WP01",
      "--to",
      "planned",
      "--review-feedback-file",
      feedback,
      "--agent",
      "claude",
      ...M,
    );
    expect(first.code).toBe(0);
    const cycleDir = join(dirOf(root), "tasks/WP01-parser-core");
    expect(readdirSync(cycleDir)).toEqual(["review-cycle-1.md"]);
    const cycle1 = readFileSync(join(cycleDir, "review-cycle-1.md"), "utf8");
    expect(cycle1).toContain("cycle_number: 1");
    expect(cycle1).toContain("verdict: 'rejected'");
    expect(cycle1).toMatch(/^reviewed_at: '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'$/m);
    expect(cycle1.endsWith("\nPlease handle empty input.\n")).toBe(true);
    expect(eventsOf(root).at(-1)).toMatchObject({
      from_lane: "in_progress",
      to_lane: "planned",
      review_ref: `review-cycle://${SLUG}/WP01-parser-core/review-cycle-1.md`,
    });
    // Second cycle: the reviewer writes straight to the next cycle file; it is used in place, not copied.
    await run(root, "move-task", "WP01", "--to", "in_progress", "--agent", "claude", ...M);
    writeFileSync(join(cycleDir, "review-cycle-2.md"), "Still failing on CRLF input.\n");
    const second = await json(
      root,
      "move-task",
      "WP01",
      "--to",
      "planned",
      "--agent",
      "claude",
      "--review-feedback-file",
      join(cycleDir, "review-cycle-2.md"),
      ...M,
    );
    expect(second.code).toBe(0);
    expect(readdirSync(cycleDir).sort()).toEqual(["review-cycle-1.md", "review-cycle-2.md"]);
    expect(readFileSync(join(cycleDir, "review-cycle-2.md"), "utf8")).toContain("cycle_number: 2");
  });

  const refusals: [string, string[], string][] = [
    [
      "back to planned without feedback",
      ["WP01", "--to", "planned", "--agent", "claude"],
      "FEEDBACK_REQUIRED",
    ],
    ["another agent's WP", ["WP01", "--to", "for_review", "--agent", "codex"], "AGENT_MISMATCH"],
    ["illegal hop", ["WP01", "--to", "claimed", "--agent", "claude"], "ILLEGAL_TRANSITION"],
    ["unknown WP", ["WP09", "--to", "claimed", "--agent", "claude"], "WP_NOT_FOUND"],
    ["bad WP id", ["WP1", "--to", "claimed"], "INVALID_WP_ID"],
    ["bad lane", ["WP02", "--to", "started"], "INVALID_LANE"],
  ];
  for (const [name, args, code] of refusals) {
    test(`refuses ${name} (${code}); nothing changes`, async () => {
      const root = copyFixture("status-board");
      const before = snapshotTree(root);
      const r = await json(root, "move-task", ...args, ...M);
      expect(r.code).toBe(code === "INVALID_LANE" || code === "INVALID_WP_ID" ? 2 : 1); // typed wrong: a usage error
      expect(r.doc.error_code).toBe(code);
      expect(snapshotTree(root)).toEqual(before);
    });
  }

  test("done outside merge: a code WP needs its lane merged or an override reason", async () => {
    const root = copyFixture("status-board");
    const before = snapshotTree(root);
    const forceDone = (...more: string[]) =>
      json(root, "move-task", "WP01", "--to", "done", "--force", "--agent", "claude", ...more, ...M);
    const refused = await forceDone();
    expect(refused.doc.error_code).toBe("DONE_NOT_MERGED");
    expect(snapshotTree(root)).toEqual(before);
    const ok = await forceDone("--done-override-reason", "landed by hand");
    expect(ok.code).toBe(0);
    expect(eventsOf(root).at(-1)?.reason).toBe("Force move to done | Done override: landed by hand");
  });

  test("with auto_commit on, the move commits exactly its own files", async () => {
    const root = copyFixture("status-board");
    writeFileSync(
      join(root, ".kittify/config.yaml"),
      "agents:\n  available: [claude]\n  auto_commit: true\n",
    );
    writeFileSync(join(root, "unrelated.txt"), "staged by the user\n");
    initRepo(root);
    writeFileSync(join(root, "unrelated.txt"), "changed by the user\n");
    git(root, "add", "unrelated.txt");
    const r = await runInProcess(
      ["agent", "tasks", "move-task", "WP03", "--to", "claimed", "--agent", "bob", ...M, "--json"],
      {
        cwd: root,
        env: gitEnv(),
      },
    );
    expect(JSON.parse(r.stdout).commit).toMatchObject({ committed: true, warning: null });
    expect(git(root, "log", "-1", "--format=%s")).toBe("chore: Move WP03 to claimed on spec 001 [bob]");
    expect(git(root, "show", "--name-only", "--format=", "HEAD").split("\n").sort()).toEqual([
      `kitty-specs/${SLUG}/status.events.jsonl`,
      `kitty-specs/${SLUG}/status.json`,
      `kitty-specs/${SLUG}/tasks/WP03-docs-page.md`,
    ]);
    expect(git(root, "diff", "--cached", "--name-only")).toBe("unrelated.txt");
  });

  test("starting a WP whose dependencies are not approved is refused unless forced", async () => {
    const root = copyFixture("status-board");
    const refused = await json(root, "move-task", "WP02", "--to", "claimed", "--agent", "codex", ...M);
    expect(refused.doc.error_code).toBe("DEPENDENCIES_NOT_MET");
    await json(root, "move-task", "WP01", "--to", "approved", "--agent", "claude", ...M);
    const ok = await json(root, "move-task", "WP02", "--to", "claimed", "--agent", "codex", ...M);
    expect(ok.code).toBe(0);
  });

  test("a WP file without status events asks for finalize-tasks", async () => {
    const root = copyFixture("status-board");
    const tasks = join(dirOf(root), "tasks");
    writeFileSync(join(tasks, "WP05-extra.md"), "---\nwork_package_id: WP05\ntitle: Extra\n---\n\nBody\n");
    const r = await json(root, "move-task", "WP05", "--to", "claimed", "--agent", "claude", ...M);
    expect(r.doc.error_code).toBe("WP_NO_STATUS");
  });
});

describe("list-tasks, list-dependents, add-history, mark-status", () => {
  test("list-tasks lists every WP with its lane; --lane filters (doing = in_progress)", async () => {
    const root = copyFixture("status-board");
    const all = await json(root, "list-tasks", ...M);
    expect(all.doc.count).toBe(4);
    expect(all.doc.tasks[1]).toEqual({
      work_package_id: "WP02",
      title: "Report printer",
      lane: "planned",
      path: join(dirOf(root), "tasks/WP02-report-printer.md"),
    });
    const doing = await json(root, "list-tasks", "--lane", "doing", ...M);
    expect(doing.doc.tasks.map((t: { work_package_id: string }) => t.work_package_id)).toEqual(["WP01"]);
  });

  test("list-dependents reads frontmatter dependencies both ways", async () => {
    const root = copyFixture("status-board");
    expect((await json(root, "list-dependents", "WP02", ...M)).doc).toEqual({
      wp_id: "WP02",
      depends_on: ["WP01"],
      dependents: ["WP04"],
    });
  });

  test("add-history appends to the Activity Log and changes no lane", async () => {
    const root = copyFixture("status-board");
    const log = readFileSync(join(dirOf(root), "status.events.jsonl"), "utf8");
    const r = await json(
      root,
      "add-history",
      "WP03",
      "--note",
      "Drafted the outline",
      "--agent",
      "codex",
      ...M,
    );
    expect(r.doc).toMatchObject({ result: "success", task_id: "WP03", note: "Drafted the outline" });
    const wp = readFileSync(join(dirOf(root), "tasks/WP03-docs-page.md"), "utf8");
    expect(wp).toMatch(/Prompt created\.\n- \S+Z – codex – Drafted the outline\n$/);
    expect(readFileSync(join(dirOf(root), "status.events.jsonl"), "utf8")).toBe(log);
  });

  // Failed before: the name went into the WP file's Activity Log unchecked, the pid too.
  for (const [name, flag, value] of [
    ["a path", "--agent", "../x"],
    ["a control character", "--agent", "bob\u001b[2J"],
    ["a reserved name", "--agent", "user"],
    ["a pid that is not digits", "--shell-pid", "abc"],
  ] as const) {
    test(`add-history refuses ${name} (${flag}): exit 2, nothing written`, async () => {
      const root = copyFixture("status-board");
      const before = snapshotTree(root);
      const r = await json(root, "add-history", "WP03", "--note", "n", flag, value, ...M);
      expect(r.code).toBe(2);
      expect(r.doc.error_code).toBe(flag === "--agent" ? "INVALID_ACTOR" : "USAGE");
      expect(snapshotTree(root)).toEqual(before);
    });
  }

  test("mark-status: unknown ids exit 1 and are listed; pending unticks", async () => {
    const root = copyFixture("status-board");
    const r = await json(root, "mark-status", "T001 T999", "--status", "pending", ...M);
    expect(r.code).toBe(1);
    expect(r.doc).toMatchObject({ updated: ["T001"], not_found: ["T999"] });
    expect(readFileSync(join(dirOf(root), "tasks.md"), "utf8")).toContain("- [ ] T001 Read the input file");
  });

  test("review-cycle directory is created only when needed", async () => {
    const root = copyFixture("status-board");
    mkdirSync(join(root, "x"));
    expect(existsSync(join(dirOf(root), "tasks/WP01-parser-core"))).toBe(false);
  });
});
