import { describe, expect, test } from "bun:test";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { approveFixtureWps, commitFixtureWork, FIXTURE_SLUG } from "../support/approve.ts";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const SLUG = FIXTURE_SLUG;
const dirOf = (root: string) => join(root, "kitty-specs", SLUG);
const run = (root: string, ...args: string[]) => runInProcess(args, { cwd: root, env: gitEnv() });
const accept = (root: string, ...extra: string[]) =>
  run(root, "accept", "--mission", SLUG, "--json", ...extra);

/** The fixture, finalized, every subtask ticked and every WP approved, all committed. */
async function readyMission(): Promise<string> {
  const root = copyFixture("mission-tasks");
  initRepo(root);
  expect((await run(root, "agent", "mission", "finalize-tasks", "--mission", SLUG)).code).toBe(0);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "finalize");
  commitFixtureWork(root);
  await approveFixtureWps((cwd, args) => run(cwd, ...args), root, { agent: "codex" });
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "ready");
  return root;
}

describe("spec-kitty accept", () => {
  test("a ready mission is accepted: exit 0, accepted_at/accepted_by in meta.json, mission_id kept", async () => {
    const root = await readyMission();
    const before = JSON.parse(readFileSync(join(dirOf(root), "meta.json"), "utf8"));
    const result = await accept(root, "--actor", "alice");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.result).toBe("accepted");
    expect(out.accepted_by).toBe("alice");
    const meta = JSON.parse(readFileSync(join(dirOf(root), "meta.json"), "utf8"));
    expect(meta.accepted_by).toBe("alice");
    expect(meta.accepted_at).toBe(out.accepted_at);
    expect(meta.mission_id).toBe(before.mission_id);
    expect(Object.keys(meta)).toEqual([...Object.keys(meta)].sort());
    const { accepted_at: _a, accepted_by: _b, ...rest } = meta;
    expect(rest).toEqual(before);
  });

  test("every failing check is reported, exit 1, and nothing is written", async () => {
    const root = copyFixture("mission-tasks");
    initRepo(root);
    appendFileSync(join(dirOf(root), "spec.md"), "- Which delimiter? [NEEDS CLARIFICATION: comma or tab]\n");
    rmSync(join(dirOf(root), "plan.md"));
    writeFileSync(join(root, "src", "index.ts"), "// edited\n");
    const tree = snapshotTree(root, { skipGit: true });
    const result = await accept(root);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.acceptable).toBe(false);
    expect(out.wps_not_ready).toEqual([
      { wp_id: "WP01", lane: "planned" },
      { wp_id: "WP02", lane: "planned" },
      { wp_id: "WP03", lane: "planned" },
      { wp_id: "WP04", lane: "planned" },
    ]);
    expect(out.unchecked_tasks.map((t: { line: number }) => t.line)).toEqual([10, 11, 24, 35, 46]);
    expect(out.unchecked_tasks[0].file).toBe(`kitty-specs/${SLUG}/tasks.md`);
    expect(out.needs_clarification).toEqual([
      {
        file: `kitty-specs/${SLUG}/spec.md`,
        line: 9,
        text: "- Which delimiter? [NEEDS CLARIFICATION: comma or tab]",
      },
    ]);
    expect(out.missing_files).toEqual([`kitty-specs/${SLUG}/plan.md`]);
    expect(out.dirty_files.sort()).toEqual([
      `kitty-specs/${SLUG}/plan.md`,
      `kitty-specs/${SLUG}/spec.md`,
      "src/index.ts",
    ]);
    expect(out.accepted_at).toBeNull();
    expect(snapshotTree(root, { skipGit: true })).toEqual(tree);
  });

  test("one open item is enough to refuse; the human report names it", async () => {
    const root = await readyMission();
    writeFileSync(join(root, "src", "index.ts"), "// uncommitted\n");
    const result = await run(root, "accept", "--mission", SLUG);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Not acceptable");
    expect(result.stdout).toContain("uncommitted change: src/index.ts");
    expect(JSON.parse(readFileSync(join(dirOf(root), "meta.json"), "utf8")).accepted_at).toBeUndefined();
  });

  test("outside git the dirty check is skipped (null), the others still apply", async () => {
    const root = copyFixture("mission-tasks");
    const out = JSON.parse((await accept(root)).stdout);
    expect(out.dirty_files).toBeNull();
    expect(out.wps_not_ready).toHaveLength(4);
  });
});
