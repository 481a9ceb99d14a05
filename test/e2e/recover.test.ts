/**
 * `spec-kitty implement --recover` (issue 13): after a crashed implement or a lane worktree removed by
 * hand, the worktrees of the mission's active WPs come back on their branches, with their commits;
 * status is never touched.
 */
import { expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git } from "../support/git.ts";
import { actionArgs, loopProject, SLUG } from "./loop-setup.ts";

test("recreates removed lane worktrees on their branches, keeps their commits, changes no status (failed before: no --recover)", async () => {
  const p = await loopProject();
  const a = (await p.ok(actionArgs("implement", "WP01", "--json"))).workspace_path as string;
  writeFileSync(join(a, "parser.ts"), "export {};\n");
  git(a, "add", "parser.ts");
  git(a, "commit", "-q", "-m", "WP01: parser");
  const b = (await p.ok(actionArgs("implement", "WP02", "--json"))).workspace_path as string;
  // lane-a's directory is deleted by hand; lane-b loses its worktree and its branch.
  rmSync(a, { recursive: true, force: true });
  git(p.root, "worktree", "remove", "--force", b);
  git(p.root, "branch", "-D", `kitty/mission-${SLUG}-lane-b`);
  const events = readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8");

  const out = await p.ok(["implement", "--recover", "--mission", SLUG, "--json"]);
  expect(out.status).toBe("ok");
  const lanes = out.lanes as {
    lane_id: string;
    action: string;
    branch_recreated: boolean;
    wp_ids: string[];
  }[];
  expect(lanes.map((l) => [l.lane_id, l.action, l.branch_recreated, l.wp_ids])).toEqual([
    ["lane-a", "recreated", false, ["WP01"]],
    ["lane-b", "recreated", true, ["WP02"]],
  ]);
  expect(git(a, "log", "-1", "--format=%s")).toBe("WP01: parser");
  expect(existsSync(join(a, "parser.ts"))).toBe(true);
  expect(git(b, "branch", "--show-current")).toBe(`kitty/mission-${SLUG}-lane-b`);
  expect(readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")).toBe(events);
  // Nothing left to do: a second run finds both in place.
  const again = await p.ok(["implement", "--recover", "--mission", SLUG, "--json"]);
  expect((again.lanes as { action: string }[]).map((l) => l.action)).toEqual(["ok", "ok"]);
  expect((await p.sk(["implement", "WP01", "--recover", "--mission", SLUG])).code).toBe(2);
}, 120_000);
