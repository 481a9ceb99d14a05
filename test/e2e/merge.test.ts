import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
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
      // The clone's driver is spec-kitty from PATH (never this binary's absolute path), with a fallback.
      expect(git(root, "config", "merge.spec-kitty-event-log.driver")).toStartWith(
        "spec-kitty merge-driver-event-log %O %A %B || {",
      );
      expect(git(root, "config", "merge.spec-kitty-event-log.driver")).not.toContain(BIN);
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
    "--abort --dry-run on an interrupted merge exits 2 and changes nothing (failed before: it really aborted)",
    async () => {
      const root = await preparedRepo();
      const crashed = await sk(root, ["merge", "--mission", SLUG, "--json"], {
        SPEC_KITTY_FAULT: "merge-after:lane:lane-a",
      });
      expect(crashed.code).not.toBe(0);
      const journal = join(root, ".kittify/runtime/merge", SLUG, "journal.json");
      expect(existsSync(journal)).toBe(true);
      const tree = snapshotTree(root, { skipGit: true });
      const refs = gitState(root);
      const result = await merge(root, "--abort", "--dry-run");
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error_code).toBe("USAGE");
      expect(gitState(root)).toBe(refs);
      expect(snapshotTree(root, { skipGit: true })).toEqual(tree);
      // The interrupted merge is still there to finish.
      const resumed = await merge(root);
      expect(resumed.code, resumed.stdout).toBe(0);
      expect(JSON.parse(resumed.stdout).resumed).toBe(true);
      expectFullyMerged(root);
    },
    T,
  );

  test(
    "a conflict it can predict stops it before anything is written, with the lane, files and a fix that works (failed before: lane-a was already merged, the journal stopped)",
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
      const refs = gitState(root);
      const tree = snapshotTree(root, { skipGit: true });
      const preview = await merge(root, "--dry-run");
      expect(JSON.parse(preview.stdout).would_stop.code).toBe("MERGE_CONFLICT_PREDICTED");
      const result = await merge(root);
      expect(result.code).toBe(1);
      const err = JSON.parse(result.stdout);
      expect(err.error_code).toBe("MERGE_CONFLICT_PREDICTED");
      expect(err.error).toContain("lane-b");
      expect(err.details.conflicting_files).toEqual(["src/index.ts"]);
      // Nothing was written: no ref moved (not even the mission branch), no journal, no file.
      expect(gitState(root)).toBe(refs);
      expect(snapshotTree(root, { skipGit: true })).toEqual(tree);
      expect(existsSync(join(root, ".kittify/runtime/merge", SLUG, "journal.json"))).toBe(false);
      expect(lanesOf(root).WP01).toBe("approved");

      // The user does exactly what the fix says, in the lane worktree it names, and merges again.
      const fix = err.fix as string;
      const where = /^in (\S+) run /.exec(fix)?.[1] as string;
      expect(where).toBe(`.worktrees/${SLUG}-lane-b`);
      const commands = [...fix.matchAll(/`(git merge [^`]+)`/g)].map((m) => m[1] as string);
      expect(commands).toEqual([`git merge ${laneBranch("lane-a")}`]);
      const b = join(root, where);
      const conflicted = Bun.spawnSync((commands[0] as string).split(" "), { cwd: b, env: gitEnv() });
      expect(conflicted.exitCode).toBe(1);
      Bun.spawnSync(["sh", "-c", "printf \"export const who = 'ab';\\n\" > src/index.ts"], { cwd: b });
      git(b, "add", "src/index.ts");
      git(b, "commit", "-q", "-m", "merge lane-a, resolve index.ts");
      const merged = await merge(root);
      expect(merged.code, merged.stdout).toBe(0);
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
  test(
    "--push to the only remote when it is not named origin (failed before: lanes were checked against it, the push refused with PUSH_REMOTE_MISSING)",
    async () => {
      const root = await preparedRepo();
      const remote = join(tempDir(), "upstream.git");
      git(root, "init", "-q", "--bare", remote);
      git(root, "remote", "add", "upstream", remote);
      const pushed = await merge(root, "--push");
      expect(pushed.code, pushed.stdout).toBe(0);
      expectFullyMerged(root);
      expect(git(remote, "rev-parse", "main")).toBe(git(root, "rev-parse", "main"));
    },
    T,
  );
});
