/** `next` and `agent action …` in process: output shapes, flag errors, human summaries. */
import { beforeAll, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
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

test("--json prints exactly one JSON document", async () => {
  const out = await run("next", "--agent", "codex", ...M, "--json");
  expect(out.code).toBe(0);
  const doc = JSON.parse(out.stdout);
  expect(doc).toMatchObject({
    kind: "step",
    is_query: true,
    agent: "codex",
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

// Failed before: without --agent, query mode printed `Run: … --agent agent …`, which fails as printed.
test("without --agent the loop's agent is the project's only agent tool; with several it is required", async () => {
  const several = await run("next", ...M, "--json");
  expect(several.code).toBe(2);
  const doc = JSON.parse(several.stdout);
  expect(doc.error_code).toBe("AGENT_REQUIRED");
  expect(doc.fix).toContain("claude, codex");

  const single = copyFixture("mission-tasks");
  writeFileSync(join(single, ".kittify/config.yaml"), "agents:\n  available: [claude]\n");
  initRepo(single);
  const inSingle = (...args: string[]) => runInProcess(args, { cwd: single, env: {} });
  expect((await inSingle("agent", "mission", "finalize-tasks", ...M, "--json")).code).toBe(0);
  const out = await inSingle("next", ...M);
  expect(out.code).toBe(0);
  expect(out.stdout).toContain(
    "Run: spec-kitty agent action implement WP01 --agent claude --mission 001-report-tool",
  );
  expect(out.stdout).not.toContain("--agent agent");
  const json = JSON.parse((await inSingle("next", ...M, "--json")).stdout);
  expect(json.agent).toBe("claude");
  // The printed command runs as printed.
  const claim = await inSingle(
    "agent",
    "action",
    "implement",
    "WP01",
    "--mission",
    "001-report-tool",
    "--json",
  );
  expect(claim.code).toBe(0);
  // Failed before: a tool the project is not set up for was accepted as the actor of a claim.
  const gemini = await inSingle("agent", "action", "implement", "WP02", "--agent", "gemini", ...M, "--json");
  expect(gemini.code).toBe(2);
  expect(JSON.parse(gemini.stdout).error_code).toBe("AGENT_TOOL_NOT_CONFIGURED");
  const typo = await inSingle("next", "--agent", "claud", ...M, "--json");
  expect(JSON.parse(typo.stdout)).toMatchObject({ error_code: "AGENT_TOOL_NOT_CONFIGURED" });
  expect(JSON.parse(typo.stdout).error).toContain("did you mean 'claude'");
  // People and roles are names too.
  expect((await inSingle("next", "--agent", "bob", ...M, "--json")).code).toBe(0);
  expect((await inSingle("next", "--agent", "../etc", ...M, "--json")).code).toBe(2);
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
