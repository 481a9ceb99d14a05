import { describe, expect, test } from "bun:test";
import { mergeAcceptanceMatrix, mergeIssueMatrix } from "../../src/core/merge/drivers/matrices.ts";
import { mergeMeta } from "../../src/core/merge/drivers/meta.ts";
import { mergeTraces } from "../../src/core/merge/drivers/text.ts";
import { type StatusEvent, serializeEvent } from "../../src/core/status/event.ts";
import { unionEventLogs } from "../../src/core/status/merge-driver.ts";

function line(id: string, at: string, wp = "WP01"): string {
  const event: StatusEvent = {
    actor: "a",
    at,
    event_id: id,
    evidence: null,
    execution_mode: "worktree",
    force: true,
    from_lane: "planned",
    mission_slug: "001-x",
    policy_metadata: null,
    reason: "r",
    review_ref: null,
    to_lane: "planned",
    wp_id: wp,
  };
  return serializeEvent(event);
}

const base = [line("E1", "2026-01-01T00:00:01+00:00")];
const ours = [...base, line("E3", "2026-01-01T00:00:03+00:00")];
const theirs = [
  ...base,
  line("E2", "2026-01-01T00:00:02+00:00", "WP02"),
  line("E4", "2026-01-01T00:00:03+00:00"),
];
const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");

test("divergent logs merge to the ordered union, the same in both directions", () => {
  const merged = unionEventLogs([
    { file: "A", text: text(ours) },
    { file: "B", text: text(theirs) },
    { file: "O", text: text(base) },
  ]);
  expect(merged.trimEnd().split("\n")).toEqual([base[0], theirs[1], ours[1], theirs[2]] as string[]);
  const reverse = unionEventLogs([
    { file: "A", text: text(theirs) },
    { file: "B", text: text(ours) },
    { file: "O", text: text(base) },
  ]);
  expect(reverse).toBe(merged);
});

test("merging is idempotent and drops duplicate event ids", () => {
  const once = unionEventLogs([
    { file: "A", text: text(ours) },
    { file: "B", text: text(ours) },
  ]);
  expect(once).toBe(text(ours));
  expect(
    unionEventLogs([
      { file: "A", text: once },
      { file: "B", text: once },
      { file: "O", text: "" },
    ]),
  ).toBe(once);
});

test("a malformed line is reported with its file and line", () => {
  expect(() =>
    unionEventLogs([
      { file: "ours.jsonl", text: text(ours) },
      { file: "theirs.jsonl", text: `${text(base)}\nnot json\n` },
    ]),
  ).toThrow("theirs.jsonl line 3: not valid JSON");
});

// Before: every line had to be a lane event, so a 3.2 log (lifecycle rows, annotations) could not be
// merged at all; and the same event_id with different content silently kept one side.
test("every row family is kept; two different rows under one event_id are refused", () => {
  const lifecycle =
    '{"event_id": "01KL0000000000000000000001", "event_type": "MissionCreated", "payload": {}, "timestamp": "2026-01-01T00:00:00.5+00:00"}';
  const note =
    '{"actor": "c", "at": "2026-01-01T00:00:04+00:00", "delta": {"note": "n"}, "event_id": "01KL0000000000000000000002", "kind": "annotation", "wp_id": "WP01"}';
  const merged = unionEventLogs([
    { file: "A", text: text([...ours, note]) },
    { file: "B", text: text([lifecycle, ...theirs]) },
    { file: "O", text: text(base) },
  ]);
  expect(merged.trimEnd().split("\n")).toEqual([
    lifecycle,
    base[0],
    theirs[1],
    ours[1],
    theirs[2],
    note,
  ] as string[]);
  const edited = (ours[1] as string).replace('"r"', '"edited"');
  expect(() =>
    unionEventLogs([
      { file: "A", text: text(ours) },
      { file: "B", text: text([...base, edited]) },
    ]),
  ).toThrow(/event E3 differs between A line 2 and B line 2/);
});

describe("structured drivers", () => {
  const sides = (base: unknown, ours: unknown, theirs: unknown) => ({
    base: base === undefined ? "" : JSON.stringify(base),
    ours: JSON.stringify(ours),
    theirs: JSON.stringify(theirs),
  });

  test("meta.json: one-sided changes kept (3-way), both-sided ones by who assigns the key, history unioned", () => {
    const base = { slug: "x", friendly_name: "X", mission_number: null, acceptance_history: [] };
    const ours = {
      ...base,
      friendly_name: "X on main",
      mission_number: 7,
      accepted_at: "t2",
      acceptance_history: [{ accepted_at: "t2", accepted_by: "b" }],
    };
    const theirs = {
      ...base,
      mission_number: 3,
      purpose_tldr: "new",
      acceptance_history: [{ accepted_at: "t1", accepted_by: "a" }],
    };
    const out = mergeMeta(sides(base, ours, theirs));
    expect(out.clean).toBe(true);
    expect(JSON.parse(out.text)).toEqual({
      acceptance_history: [
        { accepted_at: "t1", accepted_by: "a" },
        { accepted_at: "t2", accepted_by: "b" },
      ],
      accepted_at: "t2",
      friendly_name: "X on main",
      mission_number: 7,
      purpose_tldr: "new",
      slug: "x",
    });
    expect(() => mergeMeta({ base: "", ours: "[]", theirs: "{}" })).toThrow(/not a JSON object/);
  });

  test("traces: our lines then theirs, repeated non-blank lines once, blank lines kept", () => {
    expect(mergeTraces({ base: "", ours: "# T\n\na\nb\n", theirs: "# T\n\nb\nc\n" }).text).toBe(
      "# T\n\na\nb\n\nc\n",
    );
  });

  test("acceptance matrix: rows 3-way by id, a both-sided field change kept as a conflict string, verdict recomputed", () => {
    const row = (id: string, pass_fail: string, evidence: string | null = null) => ({
      criterion_id: id,
      description: id,
      proof_type: "code_review",
      evidence,
      pass_fail,
    });
    const base = {
      mission_slug: "m",
      overall_verdict: "pending",
      criteria: [row("AC-1", "pending"), row("AC-2", "pending")],
      negative_invariants: [],
    };
    const ours = { ...base, criteria: [row("AC-1", "pass", "ours"), row("AC-2", "pending")] };
    const theirs = {
      ...base,
      criteria: [row("AC-1", "pass", "theirs"), row("AC-2", "pass"), row("AC-3", "pass")],
    };
    const doc = JSON.parse(mergeAcceptanceMatrix(sides(base, ours, theirs)).text);
    expect(doc.criteria.map((c: { criterion_id: string }) => c.criterion_id)).toEqual([
      "AC-1",
      "AC-2",
      "AC-3",
    ]);
    expect(doc.criteria[0].evidence).toBe('<<<<<<< ours\n"ours"\n=======\n"theirs"\n>>>>>>> theirs');
    expect(doc.criteria[1].pass_fail).toBe("pass");
    expect(doc.overall_verdict).toBe("pass");
  });

  test("issue matrix: #12, GH-12 and 12 are one issue; rows deleted on one side and untouched on the other go", () => {
    const base = { schema_version: 1, rows: { "#12": { status: "open" }, "#13": { status: "open" } } };
    const ours = { schema_version: 1, rows: { "GH-12": { status: "fixed" } } };
    const theirs = {
      schema_version: 1,
      rows: { "12": { status: "open" }, "#13": { status: "open" }, "#14": { status: "new" } },
    };
    const doc = JSON.parse(mergeIssueMatrix(sides(base, ours, theirs), ".").text);
    expect(doc).toEqual({
      rows: { "#12": { status: "fixed" }, "#14": { status: "new" } },
      schema_version: 1,
    });
  });
});
