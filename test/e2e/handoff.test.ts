/**
 * Handing a WP to review and getting it back (issue 13, items 1, 7, 9, 10): empty work never reaches
 * review, per WP rather than per lane; a rejection reopens the work and the next review sees the last
 * one; a held WP can be taken over with the command the refusal prints; the internal `implement`
 * re-prints a WP's workspace instead of refusing it.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "../support/git.ts";
import { actionArgs, loopProject, moveArgs, SLUG } from "./loop-setup.ts";

const T = 120_000;
const tasksMd = (root: string) => readFileSync(join(root, "kitty-specs", SLUG, "tasks.md"), "utf8");

function commit(dir: string, rel: string, text: string, message: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
  git(dir, "add", rel);
  git(dir, "commit", "-q", "-m", message);
}

describe("for_review needs the WP's own work", () => {
  test(
    "no commits, or uncommitted edits, are refused; the second WP of a lane needs commits of its own (failed before: both passed)",
    async () => {
      const p = await loopProject();
      const mark = (ids: string) =>
        p.ok(["agent", "tasks", "mark-status", ids, "--status", "done", "--mission", SLUG]);
      const wp01 = await p.ok(actionArgs("implement", "WP01", "--json"));
      const laneA = wp01.workspace_path as string;
      await mark("T001,T002");
      const empty = await p.sk(moveArgs("WP01", "for_review"));
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain("has no commits since WP01 was claimed");
      expect(empty.stderr).toContain("--force with a --reason overrides");
      expect(p.lanes().WP01).toBe("in_progress");

      writeFileSync(join(laneA, "src-parser.ts"), "export {};\n");
      const dirty = await p.sk(moveArgs("WP01", "for_review"));
      expect(dirty.code).toBe(1);
      expect(dirty.stderr).toContain("uncommitted changes in");
      expect(dirty.stderr).toContain("src-parser.ts");
      git(laneA, "add", "src-parser.ts");
      git(laneA, "commit", "-q", "-m", "WP01: parser");
      await p.ok(moveArgs("WP01", "for_review"));
      await p.ok(actionArgs("review", "WP01", "--json"));
      await p.ok(moveArgs("WP01", "approved"));

      // WP03 shares lane-a: WP01's commits are not WP03's work.
      const wp03 = await p.ok(actionArgs("implement", "WP03", "--json"));
      expect(wp03.workspace_path).toBe(laneA);
      await mark("T004");
      const second = await p.sk(moveArgs("WP03", "for_review"));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("has no commits since WP03 was claimed");

      // --force overrides, but only with a reason that says why.
      const unexplained = await p.sk(moveArgs("WP03", "for_review", "--force"));
      expect(unexplained.code).toBe(1);
      expect(unexplained.stderr).toContain("skips the hand-off checks");
      const asJson = await p.sk([...moveArgs("WP03", "for_review", "--force"), "--json"]);
      expect(JSON.parse(asJson.stdout).error_code).toBe("FORCE_NEEDS_REASON");
      await p.ok(moveArgs("WP03", "for_review", "--force", "--reason", "the CLI was already there"));
      expect(p.lanes().WP03).toBe("for_review");
    },
    T,
  );

  test(
    "a planning WP needs a commit since its claim that changes its own files (failed before: no check at all)",
    async () => {
      const p = await loopProject();
      await p.ok(actionArgs("implement", "WP04", "--json"));
      await p.ok(["agent", "tasks", "mark-status", "T005", "--status", "done", "--mission", SLUG]);
      const none = await p.sk(moveArgs("WP04", "for_review"));
      expect(none.code).toBe(1);
      expect(none.stderr).toContain("no commit since WP04 was claimed changes its own files");
      // A commit of something else (not the WP's files) is not the WP's work.
      commit(p.root, "NOTES.txt", "unrelated\n", "unrelated");
      expect((await p.sk(moveArgs("WP04", "for_review"))).code).toBe(1);
      commit(p.root, `kitty-specs/${SLUG}/quickstart.md`, "# Quickstart\n", "WP04: quickstart");
      await p.ok(moveArgs("WP04", "for_review"));
      expect(p.lanes().WP04).toBe("for_review");
    },
    T,
  );
});

describe("review cycles", () => {
  test(
    "the feedback folder exists, a rejection reopens the subtasks, and the next review shows the earlier feedback (failed before: none of the three)",
    async () => {
      const p = await loopProject();
      const ws = (await p.ok(actionArgs("implement", "WP02", "--json"))).workspace_path as string;
      commit(ws, "src/report/summary.ts", "export const s = 1;\n", "WP02: summary");
      await p.ok(["agent", "tasks", "mark-status", "T003", "--status", "done", "--mission", SLUG]);
      await p.ok(moveArgs("WP02", "for_review"));
      const review = await p.ok(actionArgs("review", "WP02", "--json"));
      const feedback = join(p.root, review.feedback_path as string);
      expect(existsSync(dirname(feedback))).toBe(true);
      writeFileSync(feedback, "Totals are missing from the summary.\n");
      await p.ok(moveArgs("WP02", "planned", "--review-feedback-file", feedback));
      expect(tasksMd(p.root)).toContain("- [ ] T003");
      // Ticked again by the implementer before it can go back.
      await p.ok(actionArgs("implement", "WP02", "--json"));
      commit(ws, "src/report/summary.ts", "export const s = 1;\nexport const total = 2;\n", "WP02: totals");
      const unticked = await p.sk(moveArgs("WP02", "for_review"));
      expect(unticked.code).toBe(1);
      expect(unticked.stderr).toContain("unchecked subtask");
      await p.ok(["agent", "tasks", "mark-status", "T003", "--status", "done", "--mission", SLUG]);
      await p.ok(moveArgs("WP02", "for_review"));
      const again = await p.ok(actionArgs("review", "WP02", "--json"));
      const prompt = readFileSync(again.prompt_file as string, "utf8");
      expect(prompt).toContain("## Earlier reviews");
      expect(prompt).toContain("Totals are missing from the summary.");
      expect(again.feedback_path).toContain("review-cycle-2.md");
    },
    T,
  );
});

describe("claims held by someone else", () => {
  test(
    "WP_HELD prints a takeover that runs as printed; a forced reset to planned needs no review file (failed before: it asked for one)",
    async () => {
      const p = await loopProject();
      await p.ok(["agent", "action", "implement", "WP01", "--agent", "bob", "--mission", SLUG, "--json"]);
      const held = await p.sk(actionArgs("implement", "WP01", "--json"));
      expect(held.code).toBe(1);
      const err = JSON.parse(held.stdout);
      expect(err.error_code).toBe("WP_HELD");
      const takeover = /`(spec-kitty agent tasks move-task [^`]+)`/.exec(err.fix)?.[1] as string;
      expect(takeover).toContain("--agent claude");
      const argv = (takeover.match(/"[^"]*"|\S+/g) as string[]).slice(1).map((a) => a.replace(/^"|"$/g, ""));
      await p.ok(argv);
      const resumed = await p.ok(actionArgs("implement", "WP01", "--json"));
      expect(resumed.resumed).toBe(true);

      // Handing a WP back without a review is a reset: force and a reason are enough.
      await p.ok(
        moveArgs("WP01", "planned", "--force", "--reason", "claude stops; someone else picks it up"),
      );
      expect(p.lanes().WP01).toBe("planned");
    },
    T,
  );

  test(
    "the internal `implement WPnn` on a WP someone has in progress prints its workspace again, with no new event (failed before: WP_HELD)",
    async () => {
      const p = await loopProject();
      const claimed = await p.ok(actionArgs("implement", "WP02", "--json"));
      const events = readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8");
      const again = await p.ok(["implement", "WP02", "--mission", SLUG, "--json"]);
      expect(again).toMatchObject({ wp_id: "WP02", lane_id: "lane-b", execution_mode: "worktree" });
      expect(join(p.root, again.workspace_path as string)).toBe(claimed.workspace_path as string);
      expect(readFileSync(join(p.root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")).toBe(events);
      expect(p.lanes().WP02).toBe("in_progress");
    },
    T,
  );
});
