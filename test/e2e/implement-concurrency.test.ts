/** Several agents start the same WP at the same moment: one wins, the others get a clear error. */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { git } from "../support/git.ts";
import { loopProject, SLUG } from "./loop-setup.ts";

test("4 parallel `agent action implement WP02`: exactly one claim, one worktree, no torn events", async () => {
  const p = await loopProject();
  const agents = ["alice", "bob", "carol", "dave"];
  // All processes start before any is awaited; the worktree lock and the status lock order them.
  const results = await Promise.all(
    agents.map((agent) =>
      p.sk(["agent", "action", "implement", "WP02", "--agent", agent, "--mission", SLUG, "--json"]),
    ),
  );
  const winners = results.filter((r) => r.code === 0);
  expect(winners).toHaveLength(1);
  for (const loser of results.filter((r) => r.code !== 0)) {
    expect(loser.code).toBe(1);
    expect(JSON.parse(loser.stdout).error_code).toBe("WP_HELD");
  }
  const winner = JSON.parse(winners[0]?.stdout ?? "{}").prompt_file as string;
  const events = readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line))
    .filter((e) => e.wp_id === "WP02" && e.to_lane !== "planned");
  expect(events.map((e) => e.to_lane)).toEqual(["claimed", "in_progress"]);
  expect(new Set(events.map((e) => e.actor)).size).toBe(1);
  expect(winner).toContain(`spec-kitty-implement-${SLUG}-WP02.md`);
  expect(git(p.root, "worktree", "list").split("\n")).toHaveLength(2);
}, 60_000);

test("--base forks a new lane worktree from the given ref", async () => {
  const p = await loopProject();
  const base = git(p.root, "rev-parse", "HEAD");
  git(p.root, "commit", "-q", "--allow-empty", "-m", "later work on main");
  const out = await p.ok(["implement", "WP02", "--mission", SLUG, "--base", base, "--json"]);
  expect(out).toMatchObject({
    lane_id: "lane-b",
    branch: `kitty/mission-${SLUG}-lane-b`,
    worktree_created: true,
  });
  expect(git(join(p.root, ".worktrees", `${SLUG}-lane-b`), "rev-parse", "HEAD")).toBe(base);
}, 60_000);
