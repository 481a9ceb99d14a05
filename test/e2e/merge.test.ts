import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { snapshotTree, tempDir } from "../support/fs.ts";
import { git, gitEnv } from "../support/git.ts";
import { BIN } from "../support/run.ts";
import {
  doneEventCount,
  events,
  expectFullyMerged,
  gitState,
  laneBranch,
  laneDir,
  lanesOf,
  MISSION_BRANCH,
  preparedRepo,
  SLUG,
  sk,
} from "./merge-setup.ts";

const T = 180_000;
const merge = (root: string, ...extra: string[]) =>
  sk(root, ["merge", "--mission", SLUG, "--json", ...extra]);

describe("spec-kitty merge", () => {
  test(
    "merges every lane, lands on main, marks every WP done once, removes worktrees and branches",
    async () => {
      const root = await preparedRepo();
      const result = await merge(root);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout);
      expect(out.result).toBe("success");
      expect(out.merged_lanes).toEqual(["lane-a", "lane-b"]);
      expect(out.done_wps).toEqual(["WP01", "WP03", "WP02", "WP04"]);
      expectFullyMerged(root);
      const done = events(root).filter((e) => e.to_lane === "done");
      expect(done.every((e) => e.actor === "merge" && e.from_lane === "approved")).toBe(true);
      expect(
        done.map((e) => (e.evidence as { review: { reference: string } }).review.reference).sort(),
      ).toEqual(["lane-approved:WP01", "lane-approved:WP02", "lane-approved:WP03", "lane-approved:WP04"]);
      expect(git(root, "config", "merge.spec-kitty-event-log.driver")).toContain(
        `${BIN}' merge-driver-event-log %O %A %B`,
      );
      // The main checkout followed its branch: the files are on disk, the status log is committed.
      expect(existsSync(join(root, "src/report/summary.ts"))).toBe(true);
      expect(git(root, "status", "--porcelain", "--", `kitty-specs/${SLUG}/status.events.jsonl`)).toBe("");
      expect(git(root, "log", "-1", "--format=%P", "main^{/Merge mission}").split(" ")).toHaveLength(2);

      const again = await merge(root);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).result).toBe("nothing_to_merge");
      for (const wp of ["WP01", "WP02", "WP03", "WP04"]) expect(doneEventCount(root, wp)).toBe(1);
    },
    T,
  );

  test(
    "--strategy squash lands the mission as one single-parent commit",
    async () => {
      const root = await preparedRepo();
      const result = await merge(root, "--strategy", "squash");
      expect(result.code).toBe(0);
      expectFullyMerged(root);
      const landed = git(root, "log", "--format=%H", "--grep=Spec-Kitty-Mission-Head", "main").split("\n");
      expect(landed).toHaveLength(1);
      expect(git(root, "log", "-1", "--format=%P", landed[0] as string).split(" ")).toHaveLength(1);
    },
    T,
  );

  test(
    "refuses to start while a WP is not approved, and changes nothing",
    async () => {
      const root = await preparedRepo({ approve: ["WP01", "WP03", "WP04"] });
      const tree = snapshotTree(root, { skipGit: true });
      const refs = gitState(root);
      const result = await merge(root);
      expect(result.code).toBe(1);
      const err = JSON.parse(result.stdout);
      expect(err.error_code).toBe("MERGE_UNAPPROVED");
      expect(err.error).toContain("WP02");
      expect(err.fix).toContain("--skip-unapproved");
      expect(snapshotTree(root, { skipGit: true })).toEqual(tree);
      expect(gitState(root)).toBe(refs);
    },
    T,
  );

  test(
    "--skip-unapproved leaves out the lane holding the unapproved WP and keeps its branch",
    async () => {
      const root = await preparedRepo({ approve: ["WP01", "WP03", "WP04"] });
      const result = await merge(root, "--skip-unapproved");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout);
      expect(out.merged_lanes).toEqual(["lane-a"]);
      expect(out.skipped_lanes).toEqual([{ lane_id: "lane-b", reason: "not approved: WP02" }]);
      expect(lanesOf(root)).toEqual({ WP01: "done", WP02: "planned", WP03: "done", WP04: "done" });
      expect(git(root, "cat-file", "-t", "main:src/parser/csv.ts")).toBe("blob");
      expect(() => git(root, "cat-file", "-t", "main:src/report/summary.ts")).toThrow();
      expect(existsSync(laneDir(root, "lane-b"))).toBe(true);
      expect(existsSync(laneDir(root, "lane-a"))).toBe(false);
      expect(
        git(root, "branch", "--list", "kitty/*", "--format=%(refname:short)").split("\n").sort(),
      ).toEqual([MISSION_BRANCH, laneBranch("lane-b")]);
    },
    T,
  );

  test(
    "--dry-run writes nothing and prints the plan",
    async () => {
      const root = await preparedRepo();
      const tree = snapshotTree(root, { skipGit: true });
      const refs = gitState(root);
      const result = await merge(root, "--dry-run");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout);
      for (const key of ["spec_kitty_version", "mission_slug", "target_branch", "strategy", "delete_branch"])
        expect(out).toHaveProperty(key);
      expect(out.mission_branch).toBe(MISSION_BRANCH);
      expect(out.lanes.map((l: { lane_id: string; action: string }) => `${l.lane_id}:${l.action}`)).toEqual([
        "lane-a:merge",
        "lane-b:merge",
        "lane-planning:planning",
      ]);
      expect(out.steps[0]).toBe("plan");
      expect(snapshotTree(root, { skipGit: true })).toEqual(tree);
      expect(gitState(root)).toBe(refs);
    },
    T,
  );

  test(
    "a conflict stops with the lane and files named, keeps the journal, and resumes once resolved",
    async () => {
      const root = await preparedRepo({
        extra: (r) => {
          for (const [lane, text] of [
            ["lane-a", "export const who = 'a';\n"],
            ["lane-b", "export const who = 'b';\n"],
          ] as const) {
            const dir = laneDir(r, lane);
            Bun.spawnSync(["sh", "-c", `printf "%s" "${text}" > src/index.ts`], { cwd: dir });
            git(dir, "commit", "-q", "-am", `${lane} edits index`);
          }
        },
      });
      const mainBefore = git(root, "rev-parse", "main");
      const result = await merge(root);
      expect(result.code).toBe(1);
      const err = JSON.parse(result.stdout);
      expect(err.error_code).toBe("MERGE_CONFLICT");
      // Failed before: the driver step had already committed .gitattributes to main.
      expect(git(root, "rev-parse", "main")).toBe(mainBefore);
      expect(err.error).toContain("lane-b");
      expect(err.details.conflicting_files).toEqual(["src/index.ts"]);
      expect(err.details.completed_steps).toContain("lane:lane-a");
      // Nothing of the mission landed on main.
      expect(() => git(root, "cat-file", "-t", "main:src/parser/csv.ts")).toThrow();
      expect(lanesOf(root).WP01).toBe("approved");
      const journal = JSON.parse(
        readFileSync(join(root, ".kittify/runtime/merge", SLUG, "journal.json"), "utf8"),
      );
      expect(journal.state).toBe("stopped");

      // The user resolves in the lane worktree, as the fix says, and runs the same command.
      const b = laneDir(root, "lane-b");
      const conflicted = Bun.spawnSync(["git", "merge", MISSION_BRANCH], { cwd: b, env: gitEnv() });
      expect(conflicted.exitCode).toBe(1);
      Bun.spawnSync(["sh", "-c", "printf \"export const who = 'ab';\\n\" > src/index.ts"], { cwd: b });
      git(b, "add", "src/index.ts");
      git(b, "commit", "-q", "-m", "merge mission branch, resolve index.ts");
      const resumed = await merge(root);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout).resumed).toBe(true);
      expectFullyMerged(root);
      expect(git(root, "show", "main:src/index.ts")).toBe("export const who = 'ab';");
    },
    T,
  );
  test(
    "--push pushes the landed target; without a remote it refuses before changing anything",
    async () => {
      const root = await preparedRepo();
      const refs = gitState(root);
      const refused = await merge(root, "--push");
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).error_code).toBe("PUSH_REMOTE_MISSING");
      expect(gitState(root)).toBe(refs);

      const remote = join(tempDir(), "remote.git");
      git(root, "init", "-q", "--bare", remote);
      git(root, "remote", "add", "origin", remote);
      const pushed = await merge(root, "--push");
      expect(pushed.code).toBe(0);
      expectFullyMerged(root);
      expect(git(remote, "rev-parse", "main")).toBe(git(root, "rev-parse", "main"));
    },
    T,
  );
});
