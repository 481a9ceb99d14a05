/** `next` and `agent action …` in process: output shapes, flag errors, human summaries. */
import { beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { copyFixture } from "../support/fs.ts";
import { initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const M = ["--mission", "001-report-tool"];
let root = "";
let env: Record<string, string> = {};
const run = (...args: string[]) => runInProcess(args, { cwd: root, env });

beforeAll(async () => {
  root = copyFixture("mission-tasks");
  initRepo(root);
  const tmp = join(root, "..", "prompts");
  mkdirSync(tmp);
  env = { TMPDIR: tmp };
  const fin = await run("agent", "mission", "finalize-tasks", ...M, "--json");
  expect(fin.code).toBe(0);
});

test("the human answer names the exact command and the prompt file", async () => {
  const out = await run("next", "--agent", "codex", ...M);
  expect(out.code).toBe(0);
  expect(out.stdout).toContain("Next: implement WP01");
  expect(out.stdout).toContain(
    "Run: spec-kitty agent action implement WP01 --agent codex --mission 001-report-tool",
  );
  expect(out.stdout).toContain("spec-kitty-next-codex-001-report-tool-implement-WP01.md");
});

test("--json prints exactly one JSON document; query without --agent still answers", async () => {
  const out = await run("next", ...M, "--json");
  expect(out.code).toBe(0);
  const doc = JSON.parse(out.stdout);
  expect(doc).toMatchObject({
    kind: "step",
    is_query: true,
    agent: null,
    action: "implement",
    wp_id: "WP01",
  });
  expect(doc.progress).toEqual({
    total_wps: 4,
    done_wps: 0,
    approved_wps: 0,
    in_progress_wps: 0,
    planned_wps: 4,
    for_review_wps: 0,
    weighted_percentage: 0,
  });
});

test("advancing needs --agent; a bad --result is a usage error; agent action needs a known agent", async () => {
  const noAgent = await run("next", ...M, "--result", "success", "--json");
  expect(noAgent.code).toBe(2);
  expect(JSON.parse(noAgent.stdout).error_code).toBe("AGENT_REQUIRED");
  const badResult = await run("next", "--agent", "codex", ...M, "--result", "done");
  expect(badResult.code).toBe(2);
  expect(badResult.stderr).toContain("must be one of: success, failed, blocked");
  const noAction = await run("agent", "action", "review", "--agent", "codex", ...M);
  expect(noAction.code).toBe(1);
  expect(noAction.stderr).toContain("no work package of 001-report-tool is waiting for review");
  const bad = await run("agent", "action", "implement", "WP1", "--agent", "codex", ...M);
  expect(bad.code).toBe(2); // a malformed WP id is a usage error
  expect(bad.stderr).toContain("'WP1' is not a work package id");
});

test("agent action --help lists implement and review", async () => {
  const out = await run("agent", "action", "--help");
  expect(out.code).toBe(0);
  expect(out.stdout).toContain("implement");
  expect(out.stdout).toContain("review");
});
