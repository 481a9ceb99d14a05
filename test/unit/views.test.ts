/**
 * The view model every board renders (core/views): cards with lanes, dependencies, readiness, subtasks,
 * review cycles; the missions of a project (main checkout, lane worktrees, broken files); WP details.
 */
import { describe, expect, test } from "bun:test";
import { appendFileSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ERROR_CODES } from "../../src/core/error-codes.ts";
import { activityEntries } from "../../src/core/tasks/activity.ts";
import { subtaskCounts } from "../../src/core/tasks/subtasks.ts";
import { type MissionView, missionView, type ViewOptions } from "../../src/core/views/cards.ts";
import { findProjectMission, projectMissions } from "../../src/core/views/missions.ts";
import { wpDetail } from "../../src/core/views/wp-detail.ts";
import { copyFixture, FIXTURES, tempDir } from "../support/fs.ts";

const OPTIONS: ViewOptions = { staleThresholdMin: null, env: {} };

function views(root: string): Map<string, MissionView> {
  return new Map(projectMissions(root).map((pm) => [pm.key, missionView(pm, OPTIONS)]));
}

function card(view: MissionView | undefined, id: string) {
  const found = view?.work_packages.find((wp) => wp.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

describe("mission view", () => {
  const demo = views(join(FIXTURES, "dashboard-demo"));
  const checkout = demo.get("001-checkout-flow");

  test("a mission: identity, step, target branch, weighted progress, counts and ready WPs", () => {
    expect(checkout).toMatchObject({
      mission_slug: "001-checkout-flow",
      mission_id: "01KQ8M3ZV7T2C9N4B7C5D1E0FA",
      mission_number: "001",
      friendly_name: "checkout flow",
      target_branch: "main",
      phase: "implement",
      source: { kind: "main", dir: "kitty-specs/001-checkout-flow" },
      total_wps: 6,
      done_wps: 1,
      by_lane: { planned: 2, in_progress: 1, in_review: 1, done: 1, blocked: 1 },
      progress_percentage: 33.3,
      ready_wps: ["WP05"],
      last_activity_at: "2026-05-05T09:45:00+00:00",
      error: null,
    });
    expect(demo.get("002-search-index")).toMatchObject({
      phase: "done",
      done_wps: 3,
      progress_percentage: 100,
    });
    expect(demo.get("003-onboarding-tour")).toMatchObject({ phase: "plan", total_wps: 0, work_packages: [] });
  });

  test("cards: display column, dependencies with what blocks them, readiness, person, lane", () => {
    expect(card(checkout, "WP04")).toMatchObject({
      lane: "planned",
      column: "planned",
      dependencies: ["WP02"],
      blocked_by: [{ wp_id: "WP02", lane: "in_review" }],
      ready: false,
    });
    expect(card(checkout, "WP05")).toMatchObject({
      ready: true,
      blocked_by: [],
      execution_lane: "lane-planning",
      workspace_kind: "repo_root",
    });
    expect(card(checkout, "WP02")).toMatchObject({
      lane: "in_review",
      column: "review",
      agent: "codex",
      actor: "claude",
      execution_lane: "lane-a",
      workspace_kind: "lane_workspace",
    });
    expect(card(checkout, "WP06")).toMatchObject({ lane: "blocked", column: "blocked", ready: false });
    expect(card(checkout, "WP01").column).toBe("done");
  });

  test("cards: subtask progress from the WP's section of tasks.md, review cycles from the cycle files", () => {
    expect(card(checkout, "WP03").subtasks).toEqual({ done: 1, total: 3 });
    expect(card(checkout, "WP02").subtasks).toEqual({ done: 3, total: 3 });
    expect(card(checkout, "WP02").review_cycles).toBe(1);
    expect(card(checkout, "WP03").review_cycles).toBe(0);
  });

  test("staleness is checked only when asked, and only for in-progress WPs", () => {
    const root = join(FIXTURES, "dashboard-demo");
    const pm = findProjectMission(root, "001-checkout-flow");
    if (!pm) throw new Error("fixture mission missing");
    const checked = missionView(pm, { staleThresholdMin: 10, env: {} });
    expect(card(checked, "WP03").stale).toMatchObject({
      status: "unknown",
      reason: "workspace does not exist",
    });
    expect(card(checked, "WP03").worktree_exists).toBe(false);
    expect(card(checked, "WP02").stale).toBeNull();
    expect(card(checkout, "WP03").stale).toBeNull();
  });
});

describe("project missions", () => {
  test("a mission only in a lane worktree is listed once, the main checkout's copy wins", () => {
    const root = copyFixture("dashboard-demo");
    const lane = join(root, ".worktrees", "004-gift-cards-lane-a", "kitty-specs");
    mkdirSync(lane, { recursive: true });
    cpSync(join(root, "kitty-specs", "003-onboarding-tour"), join(lane, "004-gift-cards"), {
      recursive: true,
    });
    cpSync(join(root, "kitty-specs", "002-search-index"), join(lane, "002-search-index"), {
      recursive: true,
    });
    const missions = projectMissions(root);
    expect(missions.map((pm) => [pm.key, pm.source])).toEqual([
      ["001-checkout-flow", { kind: "main", dir: "kitty-specs/001-checkout-flow" }],
      ["002-search-index", { kind: "main", dir: "kitty-specs/002-search-index" }],
      ["003-onboarding-tour", { kind: "main", dir: "kitty-specs/003-onboarding-tour" }],
      [
        "004-gift-cards",
        { kind: "worktree", dir: ".worktrees/004-gift-cards-lane-a/kitty-specs/004-gift-cards" },
      ],
    ]);
    expect(findProjectMission(root, "004-gift-cards")?.source.kind).toBe("worktree");
  });

  test("a symlinked mission directory (or worktree kitty-specs) is never followed", () => {
    const root = copyFixture("dashboard-demo");
    const outside = join(tempDir(), "elsewhere");
    cpSync(join(root, "kitty-specs", "002-search-index"), outside, { recursive: true });
    symlinkSync(outside, join(root, "kitty-specs", "009-linked"));
    mkdirSync(join(root, ".worktrees", "x-lane-a"), { recursive: true });
    symlinkSync(join(tempDir(), "specs"), join(root, ".worktrees", "x-lane-a", "kitty-specs"));
    expect(projectMissions(root).map((pm) => pm.key)).not.toContain("009-linked");
    expect(findProjectMission(root, "009-linked")).toBeNull();
  });

  test("broken files make an error view naming the file and line, and the other missions still show", () => {
    const root = copyFixture("dashboard-demo");
    appendFileSync(join(root, "kitty-specs", "001-checkout-flow", "status.events.jsonl"), "{not json\n");
    writeFileSync(join(root, "kitty-specs", "003-onboarding-tour", "meta.json"), '{"mission_id": 7}\n');
    const all = views(root);
    expect(all.get("001-checkout-flow")?.error?.message).toContain(
      "kitty-specs/001-checkout-flow/status.events.jsonl line 25",
    );
    expect(all.get("001-checkout-flow")?.work_packages).toEqual([]);
    expect(all.get("003-onboarding-tour")?.error?.message).toContain(
      "kitty-specs/003-onboarding-tour/meta.json",
    );
    expect(all.get("002-search-index")?.error).toBeNull();
  });

  test("every fixture era gives a view per mission: a board, or an error with a code naming the file", () => {
    for (const name of [
      "era-3.0",
      "era-3.1",
      "era-3.2",
      "era-3.2-coord",
      "legacy-3.1",
      "status-legacy",
      "bad-input-real",
    ]) {
      const all = [...views(join(FIXTURES, name)).values()];
      expect(all.length).toBeGreaterThan(0);
      for (const view of all) {
        if (view.error === null) expect(view.work_packages).toHaveLength(view.total_wps);
        else {
          expect(Object.keys(ERROR_CODES)).toContain(view.error.code);
          expect(view.error.message).toContain(`kitty-specs/${view.key}/`);
        }
      }
    }
  });
});

describe("WP detail", () => {
  test("frontmatter as written, owned files, history, review feedback, activity log, prompt", () => {
    const root = join(FIXTURES, "dashboard-demo");
    const pm = findProjectMission(root, "001-checkout-flow");
    if (!pm) throw new Error("fixture mission missing");
    const detail = wpDetail(pm, card(missionView(pm, OPTIONS), "WP02"));
    expect(detail.path).toBe("kitty-specs/001-checkout-flow/tasks/WP02-payment-gateway.md");
    expect(detail.frontmatter).toStartWith("work_package_id: WP02\ntitle: Payment gateway\n");
    expect(detail.owned_files).toEqual(["src/payments/**", "test/payments/**"]);
    expect(detail.history.map((e) => e.to_lane)).toEqual([
      "planned",
      "claimed",
      "in_progress",
      "for_review",
      "in_review",
      "planned",
      "claimed",
      "in_progress",
      "for_review",
      "in_review",
    ]);
    expect(detail.history[5]).toMatchObject({
      actor: "claude",
      reason: "webhook signatures are not checked",
    });
    expect(detail.review_cycles).toHaveLength(1);
    expect(detail.review_cycles[0]).toMatchObject({
      number: 1,
      path: "kitty-specs/001-checkout-flow/tasks/WP02-payment-gateway/review-cycle-1.md",
    });
    expect(detail.review_cycles[0]?.text).toContain("Webhook signatures are not checked");
    expect(detail.activity).toEqual(["2026-05-04T09:10:00Z – system – Prompt created."]);
    expect(detail.body).toStartWith("# WP02 – Payment gateway");
  });
});

describe("document readers used by the views", () => {
  test("subtaskCounts: checked and total boxes of each WP's own section", () => {
    const text = [
      "# Tasks",
      "## WP01: A",
      "- [x] T001 one",
      "- [ ] T002 two",
      "## WP02: B",
      "* [X] T003 three",
      "## Notes",
      "- [ ] not a subtask of WP02",
    ].join("\n");
    expect(subtaskCounts(text)).toEqual(
      new Map([
        ["WP01", { done: 1, total: 2 }],
        ["WP02", { done: 1, total: 1 }],
      ]),
    );
  });

  test("activityEntries: the Activity Log section's items only", () => {
    const body =
      "# WP\n\n- not this\n\n## Activity Log\n\n- first – a\n- second – b\n\n## Later\n\n- nor this\n";
    expect(activityEntries(body)).toEqual(["first – a", "second – b"]);
    expect(activityEntries("# no log\n")).toEqual([]);
  });
});
