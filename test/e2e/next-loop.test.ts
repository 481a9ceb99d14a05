/** `spec-kitty next` on the compiled binary: read-only queries, the dependency gate, results that never brick. */
import { expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { snapshotTree } from "../support/fs.ts";
import { git } from "../support/git.ts";
import { loopProject, nextArgs, SLUG } from "./loop-setup.ts";

const KEYS = [
  "kind",
  "agent",
  "mission_slug",
  "mission_number",
  "mission_type",
  "mission",
  "mission_state",
  "timestamp",
  "action",
  "wp_id",
  "workspace_path",
  "prompt_file",
  "reason",
  "guard_failures",
  "progress",
  "origin",
  "run_id",
  "step_id",
  "decision_id",
  "input_key",
  "question",
  "options",
  "is_query",
  "preview_step",
  "mission_id",
];

test("query mode writes nothing in the project but its local prompt file, and keeps the upstream key order", async () => {
  const p = await loopProject();
  rmSync(join(p.root, "kitty-specs", SLUG, "status.json"));
  const before = snapshotTree(p.root);
  const status = git(p.root, "status", "--porcelain");
  const out = await p.ok(nextArgs("codex"));
  const human = await p.sk(["next", "--agent", "codex", "--mission", SLUG]);
  // Only the prompt file, in the project's local-only scratch space: git never sees it.
  const after = snapshotTree(p.root);
  const added = Object.keys(after).filter((path) => !(path in before));
  expect(added).toEqual([`.kittify/runtime/prompts/spec-kitty-next-codex-${SLUG}-implement-WP01.md`]);
  expect(Object.fromEntries(Object.entries(after).filter(([path]) => path in before))).toEqual(before);
  expect(git(p.root, "status", "--porcelain")).toBe(status);
  expect(Object.keys(out)).toEqual(KEYS);
  expect(out).toMatchObject({
    kind: "step", // the real decision kind in query mode too (failed before: always "query")
    is_query: true,
    action: "implement",
    wp_id: "WP01",
    preview_step: "implement",
  });
  expect(out.mission_id).toBe("01JNQ4Z7K3M8W2T6R9XCVB5E1A");
  expect(out.prompt_file).toBe(
    join(p.root, ".kittify", "runtime", "prompts", `spec-kitty-next-codex-${SLUG}-implement-WP01.md`),
  );
  expect(readFileSync(out.prompt_file as string, "utf8")).toContain(
    `spec-kitty agent action implement WP01 --agent codex --mission ${SLUG}`,
  );
  expect(human.code).toBe(0);
  expect(human.stdout).toContain(
    `Run: spec-kitty agent action implement WP01 --agent codex --mission ${SLUG}`,
  );
}, 60_000);

test("a WP whose dependency is not approved is never handed out; blocked says why and what unblocks it", async () => {
  const p = await loopProject();
  // Take WP01, WP02 and WP04 (another agent holds them): only WP03 is left, and it waits for WP01.
  for (const wp of ["WP01", "WP02", "WP04"])
    await p.ok(["agent", "action", "implement", wp, "--agent", "bob", "--mission", SLUG, "--json"]);
  // Asking and reporting answer the same state the same way: kind blocked, exit 1 (failed before:
  // query mode said kind "query", exit 0).
  const asked = await p.sk(nextArgs("claude"));
  expect(asked.code).toBe(1);
  const query = JSON.parse(asked.stdout);
  expect(query).toMatchObject({ kind: "blocked", is_query: true });
  expect(query.wp_id).toBeNull();
  expect(query.reason).toContain("WP03 waits for WP01 (in_progress)");
  const adv = await p.sk(nextArgs("claude", "success"));
  expect(adv.code).toBe(1);
  const blocked = JSON.parse(adv.stdout);
  expect(blocked).toMatchObject({ kind: "blocked", wp_id: null, mission_state: "implement" });
  expect(readFileSync(blocked.prompt_file, "utf8")).toContain("WP01 reaching approved");
  // The action command enforces the same gate.
  const direct = await p.sk(["agent", "action", "implement", "WP03", "--agent", "claude", "--mission", SLUG]);
  expect(direct.code).toBe(1);
  expect(direct.stderr).toContain("WP03 depends on work that is not approved yet: WP01 (in_progress)");
  expect(p.lanes().WP03).toBe("planned");
}, 60_000);

test("--result failed and blocked never brick the mission; success with unfinished work reports guard failures", async () => {
  const p = await loopProject();
  const first = await p.ok(nextArgs("claude", "success"));
  expect(first).toMatchObject({ kind: "step", action: "implement", wp_id: "WP01" });
  const failed = await p.ok(nextArgs("claude", "failed"));
  expect(failed).toMatchObject({ kind: "step", action: "implement", wp_id: "WP01" });
  expect(failed.reason).toContain("reported failed");
  const blocked = await p.sk(nextArgs("claude", "blocked"));
  expect(blocked.code).toBe(1);
  expect(JSON.parse(blocked.stdout)).toMatchObject({ kind: "blocked", action: "implement" });
  // Nothing is stuck: the next call looks at the files again.
  const again = await p.ok(nextArgs("claude", "success"));
  expect(again).toMatchObject({ kind: "step", action: "implement", wp_id: "WP01" });
  await p.ok(["agent", "action", "implement", "WP01", "--agent", "claude", "--mission", SLUG, "--json"]);
  const unfinished = await p.ok(nextArgs("claude", "success"));
  expect(unfinished).toMatchObject({ kind: "step", action: "implement", wp_id: "WP01" });
  expect((unfinished.guard_failures as string[])[0]).toContain("WP01 is still in_progress");
  const journal = readFileSync(join(p.root, "kitty-specs", SLUG, "mission-events.jsonl"), "utf8")
    .trim()
    .split("\n");
  expect(journal.map((l) => JSON.parse(l).payload.result_input)).toEqual([
    "success",
    "failed",
    "blocked",
    "success",
    "success",
  ]);
}, 60_000);

test("next walks the planning steps from the files: tasks_finalize until lanes.json exists; unknown agent is exit 2", async () => {
  const p = await loopProject();
  rmSync(join(p.root, "kitty-specs", SLUG, "lanes.json"));
  const out = await p.ok(nextArgs("claude"));
  expect(out).toMatchObject({ action: "tasks", mission_state: "tasks_finalize" });
  expect(out.reason).toContain("lanes.json is missing");
  expect(readFileSync(out.prompt_file as string, "utf8")).toContain(
    `spec-kitty agent mission finalize-tasks --mission ${SLUG}`,
  );
  rmSync(join(p.root, "kitty-specs", SLUG, "plan.md"));
  expect(await p.ok(nextArgs("claude"))).toMatchObject({
    action: "plan",
    mission_state: "plan",
  });
  // Any name is an actor (a person, a role); an unsafe one or a tool typo is a usage error.
  expect((await p.sk(nextArgs("nobody"))).code).toBe(0);
  const bad = await p.sk(nextArgs("no/body"));
  expect(bad.code).toBe(2);
  expect(JSON.parse(bad.stdout)).toMatchObject({ error_code: "INVALID_ACTOR" });
  const typo = await p.sk(nextArgs("codx"));
  expect(JSON.parse(typo.stdout)).toMatchObject({ error_code: "AGENT_TOOL_NOT_CONFIGURED" });
  expect(existsSync(join(p.root, "kitty-specs", SLUG, "mission-events.jsonl"))).toBe(false);
}, 60_000);
