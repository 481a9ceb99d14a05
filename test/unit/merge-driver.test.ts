import { expect, test } from "bun:test";
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
