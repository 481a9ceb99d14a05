import { describe, expect, test } from "bun:test";
import { normalizeLane, STATUS_LANES, type StatusLane } from "../../src/core/status/lane.ts";
import {
  assertTransition,
  checkTransition,
  type TransitionRequest,
} from "../../src/core/status/transitions.ts";

/** The upstream table, written out independently of the implementation. */
const LEGAL = new Set([
  "planned>claimed",
  "claimed>in_progress",
  "in_progress>for_review",
  "for_review>in_review",
  "in_review>approved",
  "in_review>done",
  "in_review>in_progress",
  "in_review>planned",
  "in_progress>approved",
  "approved>done",
  "approved>in_progress",
  "approved>planned",
  "in_progress>planned",
  ...["planned", "claimed", "in_progress", "for_review", "in_review", "approved"].map((l) => `${l}>blocked`),
  "blocked>in_progress",
  ...["planned", "claimed", "in_progress", "for_review", "in_review", "approved", "blocked"].map(
    (l) => `${l}>canceled`,
  ),
]);

const review = { review: { reviewer: "rev", reference: "ref-1", verdict: "approved" } };

/** A request that satisfies every guard, so only the table decides. */
function satisfied(from: StatusLane, to: StatusLane): TransitionRequest {
  return {
    from,
    to,
    actor: "claude",
    reason: "because",
    reviewRef: "review-cycle://x",
    evidence: review,
    workspaceContext: "worktree:/repo",
    subtasksComplete: true,
    implementationEvidencePresent: true,
  };
}

describe("transition table", () => {
  for (const from of STATUS_LANES) {
    for (const to of STATUS_LANES) {
      const legal = LEGAL.has(`${from}>${to}`);
      test(`${from} -> ${to} is ${legal ? "allowed" : "refused"}`, () => {
        const verdict = checkTransition(satisfied(from, to));
        expect(verdict.ok).toBe(legal);
        if (!verdict.ok) expect(verdict.code).toBe("ILLEGAL_TRANSITION");
      });
    }
  }

  test("force allows any pair, self-moves included, with actor and reason", () => {
    for (const from of STATUS_LANES)
      for (const to of STATUS_LANES)
        expect(checkTransition({ from, to, force: true, actor: "a", reason: "r" }).ok).toBe(true);
  });

  test("force without an actor or a reason is refused", () => {
    for (const req of [
      { actor: "", reason: "r" },
      { actor: "a", reason: "  " },
      { actor: null, reason: null },
    ]) {
      const verdict = checkTransition({ from: "planned", to: "done", force: true, ...req });
      expect(verdict).toEqual({
        ok: false,
        code: "FORCE_NEEDS_ACTOR_AND_REASON",
        message: "forced transitions need an actor and a reason",
      });
    }
  });
});

describe("guards", () => {
  const cases: [string, TransitionRequest, boolean][] = [
    ["claim without actor", { from: "planned", to: "claimed", actor: "" }, false],
    ["claim with actor", { from: "planned", to: "claimed", actor: "a" }, true],
    ["start without workspace", { from: "claimed", to: "in_progress" }, false],
    ["start with workspace", { from: "claimed", to: "in_progress", workspaceContext: "w" }, true],
    [
      "review with open subtasks",
      { from: "in_progress", to: "for_review", implementationEvidencePresent: true },
      false,
    ],
    ["review without evidence", { from: "in_progress", to: "for_review", subtasksComplete: true }, false],
    [
      "review ready",
      { from: "in_progress", to: "for_review", subtasksComplete: true, implementationEvidencePresent: true },
      true,
    ],
    ["approve without evidence", { from: "in_progress", to: "approved" }, false],
    [
      "approve with partial evidence",
      { from: "in_progress", to: "approved", evidence: { review: { reviewer: "r" } } },
      false,
    ],
    ["approve with evidence", { from: "in_progress", to: "approved", evidence: review }, true],
    ["done without evidence", { from: "approved", to: "done" }, false],
    ["done with evidence", { from: "approved", to: "done", evidence: review }, true],
    ["take review without actor", { from: "for_review", to: "in_review" }, false],
    [
      "take review held by another",
      { from: "for_review", to: "in_review", actor: "a", currentReviewer: "b" },
      false,
    ],
    [
      "take review held by self",
      { from: "for_review", to: "in_review", actor: "a", currentReviewer: "a" },
      true,
    ],
    [
      "leave in_review without verdict",
      { from: "in_review", to: "approved", evidence: { review: { reviewer: "r", reference: "x" } } },
      false,
    ],
    ["leave in_review with result", { from: "in_review", to: "planned", evidence: review }, true],
    ["block from in_review needs nothing", { from: "in_review", to: "blocked" }, true],
    ["reopen approved without review ref", { from: "approved", to: "in_progress" }, false],
    ["reopen approved with review ref", { from: "approved", to: "planned", reviewRef: "r" }, true],
    ["send back without reason", { from: "in_progress", to: "planned" }, false],
    ["send back with reason", { from: "in_progress", to: "planned", reason: "nope" }, true],
    ["unblock", { from: "blocked", to: "in_progress" }, true],
  ];
  for (const [name, req, ok] of cases) {
    test(name, () => {
      const verdict = checkTransition(req);
      expect(verdict.ok).toBe(ok);
      if (!verdict.ok) expect(verdict.code).toBe("TRANSITION_GUARD");
    });
  }

  test("force skips every guard", () => {
    expect(
      checkTransition({ from: "in_progress", to: "approved", force: true, actor: "a", reason: "r" }).ok,
    ).toBe(true);
  });

  test("assertTransition throws a typed error naming the WP and the legal targets", () => {
    expect(() => assertTransition("WP07", { from: "done", to: "planned" })).toThrow(
      "WP07: illegal transition: done -> planned",
    );
    let caught: unknown;
    try {
      assertTransition("WP01", { from: "planned", to: "done" });
    } catch (error) {
      caught = error;
    }
    expect((caught as { code: string }).code).toBe("ILLEGAL_TRANSITION");
    expect((caught as { fix: string }).fix).toContain("claimed, blocked, canceled");
  });
});

test("doing is read as in_progress; unknown lanes are rejected", () => {
  expect(normalizeLane("doing")).toBe("in_progress");
  expect(normalizeLane(" In_Review ")).toBe("in_review");
  expect(normalizeLane("review")).toBeUndefined();
});
