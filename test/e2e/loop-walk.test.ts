/**
 * The agent loop end to end on the compiled binary: at every step the test does exactly what
 * `spec-kitty next` said, running the command named in its prompt file, until every WP is approved.
 * Fixture: WP01 and WP02 independent code WPs, WP03 depends on WP01, WP04 a planning-artifact WP.
 */
import { expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "../support/git.ts";
import { commandIn, loopProject, SLUG } from "./loop-setup.ts";

const DEPS: Record<string, string[]> = { WP01: [], WP02: [], WP03: ["WP01"], WP04: [] };
const FILES: Record<string, string> = {
  WP01: "src/parser/csv.ts",
  WP02: "src/report/summary.ts",
  WP03: "src/cli/main.ts",
  WP04: `kitty-specs/${SLUG}/quickstart.md`,
};

type Decision = Record<string, unknown> & { kind: string; action: string | null; wp_id: string | null };

test("walk a mission by doing exactly what `next` says: implement, reject once, fix, approve, until accept", async () => {
  const p = await loopProject();
  const agent = "claude";
  let decision = (await p.ok(["next", "--agent", agent, "--mission", SLUG, "--json"])) as Decision;
  expect(decision.kind).toBe("step"); // the real decision, even when only asking
  const handedOut: string[] = [];
  let rejected = false;
  let sawFeedback = false;

  for (let step = 0; step < 40 && decision.action !== "accept"; step++) {
    expect(decision.kind).toBe("step");
    expect(decision.guard_failures).toEqual([]);
    const prompt = decision.prompt_file as string;
    expect(existsSync(prompt)).toBe(true);
    const wp = decision.wp_id as string;
    const lanes = p.lanes();
    // The dependency gate: nothing is handed out before its dependencies are approved or done.
    for (const dep of DEPS[wp] ?? []) expect(["approved", "done"]).toContain(lanes[dep] as string);
    handedOut.push(`${decision.action} ${wp}`);

    if (decision.action === "implement") {
      const args = commandIn(prompt, "agent action implement");
      expect(args).toEqual(["agent", "action", "implement", wp, "--agent", agent, "--mission", SLUG]);
      const out = await p.ok([...args, "--json"]);
      const ws = out.workspace_path as string;
      expect(ws).toBe(decision.workspace_path as string);
      const implPrompt = readFileSync(out.prompt_file as string, "utf8");
      if (out.review_feedback) {
        expect(implPrompt).toContain("the header row is dropped");
        sawFeedback = true;
      }
      if (wp === "WP04") expect(ws).toBe(p.root);
      else expect(ws).toBe(join(p.root, ".worktrees", `${SLUG}-${wp === "WP02" ? "lane-b" : "lane-a"}`));
      // The work itself, committed in the workspace.
      const file = join(ws, FILES[wp] as string);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `// ${wp} ${rejected && wp === "WP01" ? "fixed" : "first try"}\n`);
      git(ws, "add", "-A");
      git(ws, "commit", "-q", "-m", `${wp}: work`);
      // Then exactly the hand-off commands the implement prompt lists.
      await p.ok(commandIn(out.prompt_file as string, "mark-status"), ws);
      await p.ok(commandIn(out.prompt_file as string, "--to for_review"), ws);
      expect(p.lanes()[wp]).toBe("for_review");
    } else if (decision.action === "review") {
      const args = commandIn(prompt, "agent action review");
      expect(args).toEqual(["agent", "action", "review", wp, "--agent", agent, "--mission", SLUG]);
      const out = await p.ok([...args, "--json"]);
      expect(p.lanes()[wp]).toBe("in_review");
      const reviewPrompt = out.prompt_file as string;
      expect(readFileSync(reviewPrompt, "utf8")).toContain("git -C");
      if (wp === "WP01" && !rejected) {
        rejected = true;
        const feedbackPath = join(p.root, out.feedback_path as string);
        mkdirSync(dirname(feedbackPath), { recursive: true });
        writeFileSync(feedbackPath, "The parser is wrong: the header row is dropped.\n");
        await p.ok(commandIn(reviewPrompt, "--to planned"), decision.workspace_path as string);
        expect(p.lanes()[wp]).toBe("planned");
      } else {
        await p.ok(commandIn(reviewPrompt, "--to approved"), decision.workspace_path as string);
        expect(p.lanes()[wp]).toBe("approved");
      }
    } else {
      throw new Error(`unexpected decision: ${JSON.stringify(decision)}`);
    }
    decision = (await p.ok([
      "next",
      "--agent",
      agent,
      "--mission",
      SLUG,
      "--result",
      "success",
      "--json",
    ])) as Decision;
  }

  expect(decision).toMatchObject({ kind: "step", action: "accept", mission_state: "accept", wp_id: null });
  expect(Object.values(p.lanes())).toEqual(["approved", "approved", "approved", "approved"]);
  expect(rejected).toBe(true);
  expect(sawFeedback).toBe(true);
  expect(handedOut.filter((h) => h === "implement WP01")).toHaveLength(2);
  // WP03 came only after WP01 was approved; the planning WP used the main checkout.
  expect(handedOut.indexOf("implement WP03")).toBeGreaterThan(handedOut.lastIndexOf("review WP01"));
  expect(readdirSync(join(p.root, ".worktrees")).sort()).toEqual([`${SLUG}-lane-a`, `${SLUG}-lane-b`]);
  // One review-cycle file for the one rejection.
  expect(readdirSync(join(p.root, "kitty-specs", SLUG, "tasks", "WP01-csv-parser"))).toEqual([
    "review-cycle-1.md",
  ]);
  // Every code lane has its commits; the planning WP's commit is on the target branch.
  expect(git(p.root, "log", "--format=%s", `main..kitty/mission-${SLUG}-lane-a`)).toContain("WP03: work");
  expect(git(p.root, "log", "--format=%s", `main..kitty/mission-${SLUG}-lane-b`)).toContain("WP02: work");
  expect(git(p.root, "log", "--format=%s", "main")).toContain("WP04: work");
  // The advance calls were journaled in the upstream shape.
  const journal = readFileSync(join(p.root, "kitty-specs", SLUG, "mission-events.jsonl"), "utf8")
    .trim()
    .split("\n");
  expect(journal.length).toBeGreaterThan(5);
  const first = JSON.parse(journal[0] as string);
  expect(Object.keys(first)).toEqual(["mission", "payload", "timestamp", "type"]);
  expect(first.type).toBe("MissionNextInvoked");
  expect(Object.keys(first.payload)).toEqual([
    "action",
    "agent",
    "decision_kind",
    "mission_state",
    "result_input",
    "wp_id",
  ]);
}, 120_000);
