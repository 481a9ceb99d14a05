/** Internal `implement` and `agent action implement` on the compiled binary: workspaces and clear errors. */
import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { laneHeadEvidence } from "../../src/core/workspace/lane-head.ts";
import { git, gitEnv } from "../support/git.ts";
import { actionArgs, loopProject, moveArgs, SLUG } from "./loop-setup.ts";

test("implement --help says it is internal and points to next and agent action implement", async () => {
  const p = await loopProject();
  const help = await p.ok(["implement", "--help"]);
  const text = help.stdout as string;
  expect(text).toContain("Internal");
  expect(text).toContain("spec-kitty next --agent");
  expect(text).toContain("spec-kitty agent action implement");
  expect(text).not.toMatch(/deprecat/i);
}, 60_000);

test("direct `implement WP01` exits 0 and creates the lane worktree; a planning WP resolves to the main checkout", async () => {
  const p = await loopProject();
  const direct = await p.sk(["implement", "WP01", "--mission", SLUG]);
  expect(direct).toMatchObject({ code: 0, stderr: "" });
  expect(direct.stdout).toContain(".worktrees/001-report-tool-lane-a");
  expect(git(join(p.root, ".worktrees", `${SLUG}-lane-a`), "branch", "--show-current")).toBe(
    `kitty/mission-${SLUG}-lane-a`,
  );
  const events = readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.slice(-2).map((e) => [e.actor, e.from_lane, e.to_lane, e.execution_mode])).toEqual([
    ["implement-command", "planned", "claimed", "worktree"],
    ["implement-command", "claimed", "in_progress", "worktree"],
  ]);

  const planning = await p.ok(["implement", "WP04", "--mission", SLUG, "--json"]);
  expect(planning).toMatchObject({
    workspace: ".",
    workspace_path: ".",
    branch: null,
    lane_id: "lane-planning",
    execution_mode: "direct_repo",
    status: "created",
    wp_id: "WP04",
  });
  const action = await p.ok(actionArgs("implement", "WP04", "--json"));
  expect(action).toMatchObject({
    workspace_path: p.root,
    lane_id: "lane-planning",
    branch: "main",
    worktree_created: false,
  });
  expect(readdirSync(join(p.root, ".worktrees"))).toEqual([`${SLUG}-lane-a`]);
  expect(git(p.root, "branch", "--list", "*lane-planning*")).toBe("");
  expect(readFileSync(action.prompt_file as string, "utf8")).toContain("planning-artifact WP");
  const last = JSON.parse(
    readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .at(-1) as string,
  );
  expect(last).toMatchObject({ wp_id: "WP04", to_lane: "in_progress", execution_mode: "direct_repo" });
  // The planning WP reviews like a code WP: for_review → in_review → approved.
  await p.ok(["agent", "tasks", "mark-status", "T005", "--status", "done", "--mission", SLUG]);
  // Nothing committed since the claim: nothing to review (failed before: the empty WP went on).
  const empty = await p.sk(moveArgs("WP04", "for_review"));
  expect(empty.code).toBe(1);
  expect(empty.stderr).toContain("no commit since WP04 was claimed changes its own files");
  writeFileSync(join(p.root, "kitty-specs", SLUG, "quickstart.md"), "# Quickstart\n");
  git(p.root, "add", `kitty-specs/${SLUG}/quickstart.md`);
  git(p.root, "commit", "-q", "-m", "WP04: quickstart");
  await p.ok(moveArgs("WP04", "for_review"));
  const review = await p.ok(actionArgs("review", "WP04", "--json"));
  expect(review).toMatchObject({ lane: "in_review", workspace_path: p.root, lane_id: "lane-planning" });
  await p.ok(moveArgs("WP04", "approved"));
  expect(p.lanes().WP04).toBe("approved");
}, 60_000);

test("dirty worktree, detached HEAD, missing lanes.json, WP not in any lane, unknown agent: clear errors, nothing claimed", async () => {
  const p = await loopProject();
  const ws = join(p.root, ".worktrees", `${SLUG}-lane-a`);
  await p.ok(actionArgs("implement", "WP01"));
  writeFileSync(join(ws, "scratch.txt"), "uncommitted\n");
  await p.ok(moveArgs("WP01", "approved", "--force", "--reason", "test"));
  const dirty = await p.sk(actionArgs("implement", "WP03"));
  expect(dirty.code).toBe(1);
  expect(dirty.stderr).toContain("has uncommitted changes: scratch.txt");
  expect(p.lanes().WP03).toBe("planned");

  git(ws, "add", "-A");
  git(ws, "commit", "-q", "-m", "scratch");
  git(ws, "checkout", "-q", "--detach");
  const detached = await p.sk(actionArgs("implement", "WP03"));
  expect(detached.code).toBe(1);
  expect(detached.stderr).toContain("detached HEAD");
  expect(p.lanes().WP03).toBe("planned");

  const lanesFile = join(p.root, "kitty-specs", SLUG, "lanes.json");
  const lanes = JSON.parse(readFileSync(lanesFile, "utf8"));
  lanes.lanes = lanes.lanes.filter((l: { lane_id: string }) => l.lane_id !== "lane-b");
  writeFileSync(lanesFile, JSON.stringify(lanes, null, 2));
  const notInLane = await p.sk(actionArgs("implement", "WP02", "--json"));
  expect(notInLane.code).toBe(1);
  expect(JSON.parse(notInLane.stdout)).toMatchObject({ error_code: "WP_NOT_IN_LANE" });

  Bun.spawnSync(["rm", lanesFile]);
  const missing = await p.sk(actionArgs("implement", "WP02"));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("has no lanes.json");
  expect(missing.stderr).toContain("finalize-tasks");

  // A name is any safe word (a person, a role); a path or a tool typo is refused before anything.
  const unsafe = await p.sk([
    "agent",
    "action",
    "implement",
    "WP02",
    "--agent",
    "../robot",
    "--mission",
    SLUG,
  ]);
  expect(unsafe.code).toBe(2);
  expect(unsafe.stderr).toContain("--agent '../robot' is not a usable name");
  const typo = await p.sk(["agent", "action", "implement", "WP02", "--agent", "claud", "--mission", SLUG]);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain("did you mean 'claude'");
  expect(p.lanes().WP02).toBe("planned");
  expect(existsSync(join(p.root, ".worktrees", `${SLUG}-lane-b`))).toBe(false);
}, 60_000);

/** `p.root` with a bare remote `name` holding main, and `branch` one commit ahead there of its local copy. */
function pushedAhead(
  root: string,
  name: string,
  branch: string,
): { local: string; pushed: string; other: string } {
  const remote = join(root, "..", `${name}.git`);
  git(join(root, ".."), "init", "-q", "--bare", "-b", "main", remote);
  git(root, "remote", "add", name, remote);
  git(root, "push", "-q", "-u", name, "main");
  git(root, "branch", branch, "main");
  const other = join(root, "..", "elsewhere");
  git(root, "worktree", "add", "-q", other, branch);
  writeFileSync(join(other, "pushed.txt"), "a teammate's work\n");
  git(other, "add", "pushed.txt");
  git(other, "commit", "-q", "-m", "teammate");
  git(other, "push", "-q", name, branch);
  git(other, "reset", "-q", "--hard", "HEAD~1");
  return {
    local: git(root, "rev-parse", branch),
    pushed: git(root, "rev-parse", `${name}/${branch}`),
    other,
  };
}

test("a local lane branch behind its pushed copy: checked out elsewhere it is never moved (was: update-ref under that worktree); else the new worktree catches up", async () => {
  const p = await loopProject();
  const branch = `kitty/mission-${SLUG}-lane-a`;
  const { local, pushed, other } = pushedAhead(p.root, "origin", branch);
  const refused = await p.sk(actionArgs("implement", "WP01", "--json"));
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout)).toMatchObject({ error_code: "WORKTREE_CREATE_FAILED" });
  expect(git(p.root, "rev-parse", branch)).toBe(local);
  expect(git(other, "status", "--porcelain")).toBe("");
  expect(existsSync(join(p.root, ".worktrees", `${SLUG}-lane-a`))).toBe(false);

  git(p.root, "worktree", "remove", other);
  const done = await p.ok(actionArgs("implement", "WP01", "--json"));
  const workspace = done.workspace_path as string;
  expect(git(workspace, "rev-parse", "HEAD")).toBe(pushed);
  expect(git(workspace, "branch", "--show-current")).toBe(branch);
  expect(existsSync(join(workspace, "pushed.txt"))).toBe(true);
}, 60_000);

test("laneHeadEvidence reads the lane from the remote the target branch tracks, as lane sync and merge do (was: the lane's own, i.e. origin)", async () => {
  const p = await loopProject();
  const branch = `kitty/mission-${SLUG}-lane-a`;
  const { pushed, other } = pushedAhead(p.root, "upstream", branch);
  git(p.root, "worktree", "remove", other);
  git(p.root, "branch", "-D", branch); // only the copy on upstream is left
  git(join(p.root, ".."), "init", "-q", "--bare", "-b", "main", join(p.root, "..", "origin.git"));
  git(p.root, "remote", "add", "origin", join(p.root, "..", "origin.git"));
  const mission = resolveMission(p.root, SLUG);
  expect(laneHeadEvidence(mission, "WP01", { env: gitEnv() })).toEqual({
    repo: basename(p.root),
    branch,
    commit: pushed,
  });
}, 60_000);
