/**
 * A real repository for merge tests, built through the real CLI: the mission-tasks fixture (lane-a =
 * WP01+WP03, lane-b = WP02, lane-planning = WP04), finalized, with one commit per code WP in real lane
 * worktrees on the lane branches, the planning WP's file committed on main, and chosen WPs approved.
 */
import { expect } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseEventLog, type StatusEvent } from "../../src/core/status/event.ts";
import { reduce } from "../../src/core/status/reducer.ts";
import { approveFixtureWps, commitFixtureWork, FIXTURE_SLUG, FIXTURE_WPS } from "../support/approve.ts";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { type RunResult, runBin } from "../support/run.ts";

export const SLUG = FIXTURE_SLUG;
export const MISSION_BRANCH = `kitty/mission-${SLUG}`;
export const laneBranch = (lane: string) => `${MISSION_BRANCH}-${lane}`;
export const laneDir = (root: string, lane: string) => join(root, ".worktrees", `${SLUG}-${lane}`);
export const ALL_WPS = FIXTURE_WPS;

export function sk(root: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return runBin(args, { cwd: root, env: { ...gitEnv(), ...env } });
}

export async function skOk(root: string, args: string[]): Promise<RunResult> {
  const result = await sk(root, args);
  if (result.code !== 0)
    throw new Error(`spec-kitty ${args.join(" ")} failed: ${result.stderr}${result.stdout}`);
  return result;
}

export function commitFile(dir: string, rel: string, text: string, message: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
  git(dir, "add", rel);
  git(dir, "commit", "-q", "-m", message);
}

export function addLane(root: string, lane: string): string {
  const dir = laneDir(root, lane);
  git(root, "worktree", "add", "-q", "-b", laneBranch(lane), dir, MISSION_BRANCH);
  return dir;
}

export interface PrepareOptions {
  approve?: string[];
  /** Extra commits per lane, made after the WP work (e.g. to set up a conflict). */
  extra?: (root: string) => void;
}

export async function preparedRepo(options: PrepareOptions = {}): Promise<string> {
  const root = copyFixture("mission-tasks");
  writeFileSync(join(root, ".gitignore"), ".worktrees/\n.kittify/runtime/\n");
  initRepo(root);
  await skOk(root, ["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "finalize tasks");
  commitFixtureWork(root);
  options.extra?.(root);
  await approveFixtureWps(sk, root, { wps: options.approve, agent: "claude" });
  return root;
}

export function events(root: string): StatusEvent[] {
  const file = join(root, "kitty-specs", SLUG, "status.events.jsonl");
  return parseEventLog(readFileSync(file, "utf8"), file);
}

export function lanesOf(root: string): Record<string, string> {
  const wps = reduce(events(root)).work_packages;
  return Object.fromEntries(Object.entries(wps).map(([id, s]) => [id, s.lane]));
}

export function doneEventCount(root: string, wp: string): number {
  return events(root).filter((e) => e.wp_id === wp && e.to_lane === "done").length;
}

/** Every ref and the local config: what a read-only command must leave exactly as it was. */
export function gitState(root: string): string {
  return `${git(root, "for-each-ref", "--format=%(refname) %(objectname)")}\n${git(root, "config", "--local", "--list")}`;
}

/** The state of a fully merged mission, asserted in one place. */
export function expectFullyMerged(root: string): void {
  expect(lanesOf(root)).toEqual({ WP01: "done", WP02: "done", WP03: "done", WP04: "done" });
  for (const wp of ALL_WPS) expect(doneEventCount(root, wp)).toBe(1);
  for (const file of [
    "src/parser/csv.ts",
    "src/cli/main.ts",
    "src/report/summary.ts",
    `kitty-specs/${SLUG}/quickstart.md`,
  ])
    expect(git(root, "cat-file", "-t", `main:${file}`)).toBe("blob");
  expect(git(root, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  expect(git(root, "branch", "--list", "kitty/*")).toBe("");
  // The status files' merge rules came with the mission files (finalize-tasks wrote the new file).
  const rules = git(root, "show", "main:kitty-specs/.gitattributes");
  expect(rules).toContain("status.events.jsonl merge=spec-kitty-event-log");
  expect(rules).toContain("status.json merge=spec-kitty-status");
}
