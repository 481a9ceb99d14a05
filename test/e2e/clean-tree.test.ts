/**
 * The clean-tree contract (issue 13, items 2 and 3), with `auto_commit` on (the default) and off: the
 * loop's own bookkeeping never blocks a later step (accept refused "uncommitted change" for its own
 * files), after `merge` nothing spec-kitty wrote is left uncommitted, merge checks the target's
 * checkout before its first write, and a `git stash` of the event log can no longer wreck a resumed
 * merge. `merge --abort` restores what the merge changed.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { snapshotTree } from "../support/fs.ts";
import { git, gitEnv } from "../support/git.ts";
import { runBin } from "../support/run.ts";
import { actionArgs, type LoopProject, loopProject, moveArgs, SLUG } from "./loop-setup.ts";

const T = 180_000;
const WORK: Record<string, { file: string; subtasks: string }> = {
  WP01: { file: "src/parser/csv.ts", subtasks: "T001,T002" },
  WP02: { file: "src/report/summary.ts", subtasks: "T003" },
  WP03: { file: "src/cli/main.ts", subtasks: "T004" },
  WP04: { file: `kitty-specs/${SLUG}/quickstart.md`, subtasks: "T005" },
};

/** Every WP implemented (a commit of its file in its workspace), reviewed and approved, by the commands. */
async function approveAll(p: LoopProject): Promise<void> {
  for (const wp of ["WP01", "WP02", "WP04", "WP03"]) {
    const work = WORK[wp] as { file: string; subtasks: string };
    const ws = (await p.ok(actionArgs("implement", wp, "--json"))).workspace_path as string;
    mkdirSync(dirname(join(ws, work.file)), { recursive: true });
    writeFileSync(join(ws, work.file), `// ${wp}\n`);
    git(ws, "add", work.file);
    git(ws, "commit", "-q", "-m", `${wp}: work`, "--", work.file);
    await p.ok(["agent", "tasks", "mark-status", work.subtasks, "--status", "done", "--mission", SLUG]);
    await p.ok(moveArgs(wp, "for_review"));
    await p.ok(actionArgs("review", wp, "--json"));
    await p.ok(moveArgs(wp, "approved"));
  }
}

const status = (root: string) => git(root, "status", "--porcelain", "--untracked-files=all");

describe("the clean-tree contract", () => {
  test(
    "auto_commit on: every command commits exactly its own files, the tree stays clean, merge leaves nothing behind",
    async () => {
      const p = await loopProject("", { autoCommit: true });
      const staged = join(p.root, "mine.txt");
      writeFileSync(staged, "the user's staged work\n");
      git(p.root, "add", "mine.txt");
      await approveAll(p);
      // Only the user's staged file is left; no spec-kitty command swept it into a commit.
      expect(status(p.root)).toBe("A  mine.txt");
      git(p.root, "commit", "-q", "-m", "mine");
      await p.ok(["next", "--agent", "claude", "--mission", SLUG, "--result", "success", "--json"]);
      const accepted = await p.ok(["accept", "--mission", SLUG, "--json"]);
      expect(accepted.acceptable).toBe(true);
      expect(git(p.root, "log", "-1", "--format=%s")).toBe(`Accept ${SLUG}`);
      await p.ok(["merge", "--mission", SLUG, "--json"]);
      expect(status(p.root)).toBe("");
      const decision = await p.ok(["next", "--agent", "claude", "--mission", SLUG, "--json"]);
      expect(decision).toMatchObject({ kind: "terminal", is_query: true });
    },
    T,
  );

  test(
    "auto_commit off: its own dirt (even another mission's mission-events.jsonl) never blocks accept; merge commits it all (failed before: accept refused, meta.json and .kittify/runtime stayed dirty)",
    async () => {
      const p = await loopProject();
      await approveAll(p);
      await p.ok(["next", "--agent", "claude", "--mission", SLUG, "--result", "success", "--json"]);
      const other = join(p.root, "kitty-specs", "002-other");
      mkdirSync(other);
      writeFileSync(join(other, "mission-events.jsonl"), "");
      const dirty = status(p.root);
      expect(dirty).toContain(`kitty-specs/${SLUG}/status.events.jsonl`);
      expect(dirty).toContain(`kitty-specs/${SLUG}/mission-events.jsonl`);
      const accepted = await p.sk(["accept", "--mission", SLUG, "--json"]);
      expect(accepted.code, accepted.stdout).toBe(0);
      const report = JSON.parse(accepted.stdout);
      expect(report.dirty_files).toEqual([]);
      expect(report.bookkeeping_files).toContain(`kitty-specs/${SLUG}/status.events.jsonl`);
      expect(report.bookkeeping_files).toContain("kitty-specs/002-other/mission-events.jsonl");
      // A file of the user's is still reported, with a command that commits it.
      writeFileSync(join(p.root, "notes.md"), "mine\n");
      const human = await p.sk(["accept", "--mission", SLUG]);
      expect(human.code).toBe(1);
      expect(human.stdout).toContain("uncommitted change: notes.md");
      expect(human.stdout).toContain('git add -- notes.md && git commit -m "…"');
      git(p.root, "add", "notes.md");
      git(p.root, "commit", "-q", "-m", "notes");

      await p.ok(["merge", "--mission", SLUG, "--json"]);
      // Nothing of this mission is left uncommitted: the acceptance record, the log, the journal.
      expect(status(p.root)).toBe("?? kitty-specs/002-other/mission-events.jsonl");
      const meta = JSON.parse(git(p.root, "show", `main:kitty-specs/${SLUG}/meta.json`));
      expect(typeof meta.accepted_at).toBe("string");
    },
    T,
  );
});

describe("merge checks before its first write", () => {
  test(
    "uncommitted files in the target checkout that the landing would overwrite: refused up front, nothing written, a fix without stash (failed before: the ff failed after the lanes merged, and the fix said stash)",
    async () => {
      const p = await loopProject();
      await approveAll(p);
      mkdirSync(join(p.root, "src", "report"), { recursive: true });
      writeFileSync(join(p.root, "src", "report", "summary.ts"), "my local draft\n");
      const tree = snapshotTree(p.root, { skipGit: true });
      const refs = git(p.root, "for-each-ref", "--format=%(refname) %(objectname)");
      const refused = await p.sk(["merge", "--mission", SLUG, "--json"]);
      expect(refused.code).toBe(1);
      const err = JSON.parse(refused.stdout);
      expect(err.error_code).toBe("MERGE_TARGET_DIRTY");
      expect(err.details.files).toEqual(["src/report/summary.ts"]);
      expect(err.fix).not.toContain("stash");
      expect(snapshotTree(p.root, { skipGit: true })).toEqual(tree);
      expect(git(p.root, "for-each-ref", "--format=%(refname) %(objectname)")).toBe(refs);
      expect(existsSync(join(p.root, ".kittify", "runtime", "merge", SLUG))).toBe(false);
    },
    T,
  );

  test(
    "a resumed merge whose event log was stashed away refuses before any step; popping it lets the merge finish (failed before: the code landed, then `illegal transition: in_progress -> done`)",
    async () => {
      const p = await loopProject();
      await approveAll(p);
      const crashed = await crashAfter(p, "lane:lane-a");
      expect(crashed.code).not.toBe(0);
      // The user follows an old habit and stashes: the event log (uncommitted, auto_commit off) goes too.
      git(p.root, "stash", "--quiet");
      const refs = git(p.root, "for-each-ref", "--format=%(refname) %(objectname)");
      const refused = await p.sk(["merge", "--mission", SLUG, "--json"]);
      expect(refused.code).toBe(1);
      const err = JSON.parse(refused.stdout);
      expect(err.error_code).toBe("MERGE_LOG_CHANGED");
      expect(err.fix).toContain("git stash pop");
      expect(git(p.root, "for-each-ref", "--format=%(refname) %(objectname)")).toBe(refs);
      git(p.root, "stash", "pop", "--quiet");
      const merged = await p.sk(["merge", "--mission", SLUG, "--json"]);
      expect(merged.code, merged.stdout).toBe(0);
      expect(Object.values(p.lanes())).toEqual(["done", "done", "done", "done"]);
      expect(status(p.root)).toBe("");
    },
    T,
  );
});

/** `spec-kitty merge` killed (SIGKILL) right after the journal records `step` as done. */
function crashAfter(p: LoopProject, step: string) {
  return runBin(["merge", "--mission", SLUG, "--json"], {
    cwd: p.root,
    env: { ...gitEnv(), TMPDIR: p.tmp, SPEC_KITTY_FAULT: `merge-after:${step}` },
  });
}

describe("merge --abort", () => {
  test(
    "puts the mission branch back and drops the journal; the target never moved; merging again works (failed before: no --abort)",
    async () => {
      const p = await loopProject();
      await approveAll(p);
      const main = git(p.root, "rev-parse", "main");
      expect((await crashAfter(p, "lane:lane-b")).code).not.toBe(0);
      expect(git(p.root, "branch", "--list", `kitty/mission-${SLUG}`)).not.toBe("");
      const aborted = await p.ok(["merge", "--mission", SLUG, "--abort", "--json"]);
      expect(aborted).toMatchObject({ result: "aborted", mission_branch_action: "deleted" });
      expect(git(p.root, "branch", "--list", `kitty/mission-${SLUG}`)).toBe("");
      expect(git(p.root, "rev-parse", "main")).toBe(main);
      expect(existsSync(join(p.root, ".kittify", "runtime", "merge", SLUG))).toBe(false);
      expect(Object.values(p.lanes())).toEqual(["approved", "approved", "approved", "approved"]);
      const nothing = await p.sk(["merge", "--mission", SLUG, "--abort", "--json"]);
      expect(JSON.parse(nothing.stdout).error_code).toBe("MERGE_NOT_IN_PROGRESS");
      await p.ok(["merge", "--mission", SLUG, "--json"]);
      expect(Object.values(p.lanes())).toEqual(["done", "done", "done", "done"]);
    },
    T,
  );

  test(
    "once the mission has landed it refuses and says how to finish",
    async () => {
      const p = await loopProject();
      await approveAll(p);
      expect((await crashAfter(p, "target")).code).not.toBe(0);
      const late = await p.sk(["merge", "--mission", SLUG, "--abort", "--json"]);
      expect(late.code).toBe(1);
      const err = JSON.parse(late.stdout);
      expect(err.error_code).toBe("MERGE_ABORT_TOO_LATE");
      expect(err.fix).toContain(`spec-kitty merge --mission ${SLUG}`);
      await p.ok(["merge", "--mission", SLUG, "--json"]);
      expect(Object.values(p.lanes())).toEqual(["done", "done", "done", "done"]);
    },
    T,
  );
});
