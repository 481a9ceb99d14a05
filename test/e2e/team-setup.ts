/** The flow of one WP across clones, in the order the README's "Working as a team" section gives. */
import { expect } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Clone, TeamOptions } from "../support/team.ts";

export const M = "001-report-tool";
export const LOG = `kitty-specs/${M}/status.events.jsonl`;
export const mission = ["--mission", M];

/** The project as its first member sets it up: agent files in place, tasks finalized, committed. */
export const seedProject: TeamOptions = {
  seed: async (_dir, sk) => {
    expect((await sk(["doctor", "--fix"])).code).toBe(0);
    expect((await sk(["agent", "mission", "finalize-tasks", ...mission, "--json"])).code).toBe(0);
  },
};

export interface Claimed {
  workspace: string;
  branch: string;
}

export async function implement(c: Clone, wp: string): Promise<Claimed> {
  const out = await c.ok(["agent", "action", "implement", wp, "--agent", c.name, ...mission, "--json"]);
  return { workspace: out.workspace_path as string, branch: out.branch as string };
}

/** Work in the worktree, commit it, tick the subtasks, hand over, push the lane (README order). */
export async function handOver(
  c: Clone,
  wp: string,
  ws: Claimed,
  file: string,
  text: string,
  subtasks: string,
) {
  const path = join(ws.workspace, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  c.run(["add", file], ws.workspace);
  const committed = c.run(["commit", "-m", `${wp}: ${file}`], ws.workspace);
  expect(committed.code).toBe(0);
  await c.ok(["agent", "tasks", "mark-status", subtasks, "--status", "done", ...mission]);
  await c.ok(["agent", "tasks", "move-task", wp, "--to", "for_review", "--agent", c.name, ...mission]);
  if (ws.workspace !== c.dir) {
    const pushed = c.run(["push", "-u", "origin", ws.branch], ws.workspace);
    expect(pushed.code).toBe(0);
  }
  c.commitStatus(`${wp} for review`);
}

export async function review(c: Clone, wp: string): Promise<string> {
  const out = await c.ok(["agent", "action", "review", wp, "--agent", c.name, ...mission, "--json"]);
  return out.workspace_path as string;
}

export async function approve(c: Clone, wp: string): Promise<void> {
  await c.ok(["agent", "tasks", "move-task", wp, "--to", "approved", "--agent", c.name, ...mission]);
  c.commitStatus(`${wp} approved`);
}
