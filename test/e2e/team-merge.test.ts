/**
 * merge where lanes live in several clones: the story (a local lane behind the copy a teammate
 * pushed WP03 onto: merge --push once landed the stale lane, marked WP03 done and pushed a target
 * without its file), lanes that exist only on the remote, a diverged lane, approvals this clone has
 * not fetched, the verification after landing, and kill -9 at every step of a merge with --push.
 */
import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { snapshotTree } from "../support/fs.ts";
import { type Clone, type Team, teamProject } from "../support/team.ts";
import { approve, handOver, implement, LOG, M, mission, review, seedProject } from "./team-setup.ts";

const FILES = [
  "src/parser/csv.ts",
  "src/report/summary.ts",
  "src/cli/main.ts",
  `kitty-specs/${M}/quickstart.md`,
];

/**
 * Bob implements WP01 (lane-a), WP02 (lane-b) and WP04 (planning); Carol approves them, then takes
 * WP03 (lane-a, after WP01) from the remote lane; Alice approves WP03. Everything is pushed. Bob's
 * own lane-a branch still ends at WP01.
 */
async function approvedEverywhere(): Promise<Team> {
  const team = await teamProject(["alice", "bob", "carol"], seedProject);
  const { alice, bob, carol } = team.clones as Record<"alice" | "bob" | "carol", Clone>;
  for (const c of [alice, bob, carol]) await c.ok(["doctor", "--fix"]);
  await handOver(
    bob,
    "WP01",
    await implement(bob, "WP01"),
    FILES[0] as string,
    "export const parse = 1;\n",
    "T001,T002",
  );
  await handOver(
    bob,
    "WP02",
    await implement(bob, "WP02"),
    FILES[1] as string,
    "export const summary = 1;\n",
    "T003",
  );
  await handOver(bob, "WP04", await implement(bob, "WP04"), FILES[3] as string, "# Quickstart\n", "T005");
  bob.sync("rebase");
  carol.pull("rebase");
  for (const wp of ["WP01", "WP02", "WP04"]) {
    await review(carol, wp);
    await approve(carol, wp);
  }
  await handOver(
    carol,
    "WP03",
    await implement(carol, "WP03"),
    FILES[2] as string,
    "import './parser';\n",
    "T004",
  );
  carol.sync("rebase");
  alice.pull("rebase");
  await review(alice, "WP03");
  await approve(alice, "WP03");
  alice.sync("rebase");
  return team;
}

const merge = (c: Clone, ...extra: string[]) => c.sk(["merge", ...mission, "--json", ...extra]);

function lanesOf(c: Clone): Record<string, string> {
  const status = JSON.parse(readFileSync(join(c.dir, "kitty-specs", M, "status.json"), "utf8"));
  return Object.fromEntries(
    Object.entries(status.work_packages as Record<string, { lane: string }>).map(([id, s]) => [id, s.lane]),
  );
}

function expectLandedOnRemote(c: Clone): void {
  c.git("fetch", "-q", "origin");
  const files = c.git("ls-tree", "-r", "--name-only", "origin/main").split("\n");
  expect(FILES.filter((f) => !files.includes(f))).toEqual([]);
  const log = c.git("show", `origin/main:${LOG}`);
  for (const wp of ["WP01", "WP02", "WP03", "WP04"])
    expect(
      log.split("\n").filter((l) => l.includes(`"wp_id": "${wp}"`) && l.includes('"to_lane": "done"')),
    ).toHaveLength(1);
}

describe("merge across clones", () => {
  let team: Team;
  let remote: string;
  beforeAll(async () => {
    team = await approvedEverywhere();
    remote = team.snapshotRemote();
  }, 300_000);
  // Each test works in its own clone of its own copy of the remote, removed when it ends.
  const scratch: string[] = [];
  const fresh = (name: string): Clone => {
    const copy = team.snapshotRemote();
    const clone = team.join(name, copy);
    scratch.push(dirname(copy), clone.dir);
    return clone;
  };
  afterEach(() => {
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  // Failed before: merge --push landed bob's stale lane-a, marked WP03 done, pushed main without
  // src/cli/main.ts, and --dry-run showed the same plan.
  test("a local lane behind its remote copy: dry-run says so, merge refuses before anything changes; caught up, it lands every WP", async () => {
    const bob = fresh("bob");
    await bob.ok(["doctor", "--fix"]);
    // Bob's clone as in the story: his lane-a ends at WP01, the remote's at WP03.
    const wp01 = bob.git("rev-parse", "origin/kitty/mission-001-report-tool-lane-a~1");
    bob.git("branch", "kitty/mission-001-report-tool-lane-a", wp01);
    const dry = await merge(bob, "--dry-run", "--push");
    expect(dry.code).toBe(1);
    const plan = JSON.parse(dry.stdout);
    const laneA = plan.lanes.find((l: { lane_id: string }) => l.lane_id === "lane-a");
    expect(laneA.remote_state).toMatchObject({ state: "behind", behind: 1, ahead: 0 });
    expect(plan.would_stop.code).toBe("LANE_BEHIND_REMOTE");
    const before = { tree: snapshotTree(bob.dir, { skipGit: true }), refs: bob.git("for-each-ref") };
    const refused = await merge(bob, "--push");
    expect(refused.code).toBe(1);
    const err = JSON.parse(refused.stdout);
    expect(err.error_code).toBe("LANE_BEHIND_REMOTE");
    expect(err.fix).toContain(
      "git branch -f kitty/mission-001-report-tool-lane-a origin/kitty/mission-001-report-tool-lane-a",
    );
    expect({ tree: snapshotTree(bob.dir, { skipGit: true }), refs: bob.git("for-each-ref") }).toEqual(before);
    bob.git(
      "branch",
      "-f",
      "kitty/mission-001-report-tool-lane-a",
      "origin/kitty/mission-001-report-tool-lane-a",
    );
    const landed = await merge(bob, "--push");
    expect(landed.code).toBe(0);
    expectLandedOnRemote(bob);
  }, 120_000);

  test("an approval this clone has not fetched: refused (APPROVED_WORK_MISSING); --fetch sees the teammate's push", async () => {
    const bob = fresh("bob");
    await bob.ok(["doctor", "--fix"]);
    // Bob fetched lane-a before Carol pushed WP03 onto it; main (with WP03 approved) he has.
    const wp01 = bob.git("rev-parse", "origin/kitty/mission-001-report-tool-lane-a~1");
    bob.git("update-ref", "refs/remotes/origin/kitty/mission-001-report-tool-lane-a", wp01);
    const refused = await merge(bob);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error_code: "APPROVED_WORK_MISSING" });
    expect(JSON.parse(refused.stdout).error).toContain("WP03 was approved at");
    const fetched = await merge(bob, "--fetch", "--push");
    expect(fetched.code).toBe(0);
    expectLandedOnRemote(bob);
  }, 120_000);

  test("lanes only on the remote: merge --push in a fresh clone lands every file and deletes the remote lane branches", async () => {
    const dan = fresh("dan");
    await dan.ok(["doctor", "--fix"]);
    expect(dan.git("branch", "--list", "kitty/*")).toBe("");
    const dry = JSON.parse((await merge(dan, "--dry-run")).stdout);
    expect(
      dry.lanes
        .filter((l: { action: string }) => l.action === "merge")
        .map((l: { remote_state: { state: string } }) => l.remote_state.state),
    ).toEqual(["remote_only", "remote_only"]);
    const out = await merge(dan, "--push");
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).steps.map((s: { id: string }) => s.id)).toContain("remote-branches");
    expectLandedOnRemote(dan);
    expect(
      dan
        .git("ls-remote", "--heads", "origin")
        .split("\n")
        .filter((l) => l.includes("kitty/")),
    ).toEqual([]);
    expect(lanesOf(dan)).toEqual({ WP01: "done", WP02: "done", WP03: "done", WP04: "done" });
  }, 120_000);

  test("--keep-remote-branches leaves the lanes on the remote", async () => {
    const dan = fresh("dan");
    const out = await merge(dan, "--push", "--keep-remote-branches");
    expect(out.code).toBe(0);
    expect(
      dan
        .git("ls-remote", "--heads", "origin")
        .split("\n")
        .filter((l) => l.includes("kitty/")),
    ).toHaveLength(2);
  }, 120_000);

  test("a local lane diverged from its remote copy refuses, naming how to combine them", async () => {
    const bob = fresh("bob");
    await bob.ok(["doctor", "--fix"]);
    const wp01 = bob.git("rev-parse", "origin/kitty/mission-001-report-tool-lane-a~1");
    bob.git("branch", "kitty/mission-001-report-tool-lane-a", wp01);
    bob.git(
      "worktree",
      "add",
      "-q",
      join(bob.dir, ".worktrees", `${M}-lane-a`),
      "kitty/mission-001-report-tool-lane-a",
    );
    const wt = join(bob.dir, ".worktrees", `${M}-lane-a`);
    bob.run(["commit", "--allow-empty", "-m", "local only"], wt);
    const refused = JSON.parse((await merge(bob)).stdout);
    expect(refused.error_code).toBe("LANE_DIVERGED");
    expect(refused.fix).toContain(
      `git -C ${wt} pull --no-rebase origin kitty/mission-001-report-tool-lane-a`,
    );
  }, 120_000);

  test("the target losing the landed work is caught by the verification: no WP is marked done", async () => {
    const dan = fresh("dan");
    // Land, then (as a bad rebase or reset would) take the landing away before the WPs are done.
    const env = { ...dan.env, SPEC_KITTY_FAULT: "merge-after:target" };
    const fault = Bun.spawnSync(["spec-kitty", "merge", ...mission, "--json"], { cwd: dan.dir, env });
    expect(fault.exitCode).not.toBe(0);
    dan.git("reset", "-q", "--hard", "origin/main");
    const resumed = await merge(dan);
    expect(resumed.code).toBe(1);
    expect(JSON.parse(resumed.stdout).error_code).toBe("MERGE_NOT_VERIFIED");
    expect(Object.values(lanesOf(dan))).not.toContain("done");
  }, 120_000);

  // kill -9 at every step of a merge with remote-only lanes and --push, then the same command again.
  const STEPS = [
    "plan",
    "driver",
    "lane:lane-a",
    "lane:lane-b",
    "target",
    "verify",
    "done:WP01",
    "done:WP03",
    "done:WP02",
    "done:WP04",
    "commit-status",
    "push",
    "remote-branches",
    "cleanup",
  ];
  test("the plan of that merge is exactly these steps", async () => {
    const dan = team.join("dan", remote);
    expect(JSON.parse((await merge(dan, "--dry-run", "--push")).stdout).steps).toEqual(STEPS);
  }, 60_000);
  for (const when of ["after", "inside"] as const) {
    for (const step of when === "after"
      ? STEPS
      : ["lane:lane-a", "target", "verify", "push", "remote-branches"]) {
      test(`killed ${when} ${step}, then resumed`, async () => {
        const dan = fresh("dan");
        const fault = Bun.spawnSync(["spec-kitty", "merge", ...mission, "--push", "--json"], {
          cwd: dan.dir,
          env: { ...dan.env, SPEC_KITTY_FAULT: `merge-${when}:${step}` },
        });
        expect(fault.exitCode).not.toBe(0);
        const resumed = await merge(dan, "--push");
        expect(resumed.stderr).toBe("");
        expect(resumed.code).toBe(0);
        expect(JSON.parse(resumed.stdout).resumed).toBe(true);
        expectLandedOnRemote(dan);
        expect(
          dan
            .git("ls-remote", "--heads", "origin")
            .split("\n")
            .filter((l) => l.includes("kitty/")),
        ).toEqual([]);
      }, 120_000);
    }
  }
});
