/**
 * The benches' own setup stays runnable: `bench/` is not run by `bun test` (it times things), so a
 * change to what a command needs (a first commit for `mission create`, auto-commit by default) broke
 * its projects unnoticed twice. This builds the same projects, small, with the compiled binary.
 */
import { expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { benchRun, chainProject, commitAll } from "../../bench/chain-project.ts";
import { BIN } from "../../bench/lib.ts";
import { createBase } from "../../bench/missions.ts";
import { tempDir } from "../support/fs.ts";

test("the loop/merge/dispatch project: finalized, committed, one lane per chain, and the loop runs on it", () => {
  const root = chainProject({
    root: join(tempDir(), "proj"),
    slug: "001-bench-smoke",
    missionId: "01JBENCH0000000000000SMOKE",
    count: 6,
    chain: 3,
    subtasks: true,
  });
  const lanes = JSON.parse(readFileSync(join(root, "kitty-specs", "001-bench-smoke", "lanes.json"), "utf8"));
  expect(lanes.lanes.map((l: { wp_ids: string[] }) => l.wp_ids)).toEqual([
    ["WP01", "WP02", "WP03"],
    ["WP04", "WP05", "WP06"],
  ]);
  expect(benchRun(root, ["git", "status", "--porcelain"]).trim()).toBe("");
  const m = ["--mission", "001-bench-smoke", "--json"];
  benchRun(root, [BIN, "agent", "action", "implement", "WP01", "--agent", "claude", ...m]);
  benchRun(root, [BIN, "next", "--agent", "claude", ...m]);
  commitAll(root, "nothing left to commit is fine");
});

test("the missions bench's base: mission create works in it", () => {
  const base = createBase();
  const out = JSON.parse(benchRun(base, [BIN, "agent", "mission", "create", "bench", "--json"]));
  expect(out.mission_slug).toBe("001-bench");
  rmSync(join(base, ".."), { recursive: true, force: true });
});
