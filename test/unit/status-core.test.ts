import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { pyJsonDumps } from "../../src/core/pyjson.ts";
import { bootstrapStatus } from "../../src/core/status/bootstrap.ts";
import { emitTransition } from "../../src/core/status/emit.ts";
import { parseEventLog, type StatusEvent, serializeEvent } from "../../src/core/status/event.ts";
import { foldLog, loadSnapshot } from "../../src/core/status/log-reader.ts";
import { materialize } from "../../src/core/status/materialize.ts";
import { reduce } from "../../src/core/status/reducer.ts";
import { readEvents } from "../../src/core/status/store.ts";
import { STATUS_EVENT_KEYS } from "../../src/schema/generated.ts";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { statusEvent } from "../support/status.ts";

const ev = statusEvent;

describe("event line dialect", () => {
  test("a line written by the original re-serialises to the same bytes", () => {
    const line =
      '{"actor": "claude", "at": "2026-04-09T07:43:40.726428+00:00", "event_id": "01KNRK4RNP4PV7HV6JC0P509F9", "evidence": null, "execution_mode": "worktree", "force": false, "from_lane": "planned", "mission_slug": "080-user-auth", "policy_metadata": null, "reason": null, "review_ref": null, "to_lane": "claimed", "wp_id": "WP01"}';
    const [event] = parseEventLog(`${line}\n`, "log");
    expect(serializeEvent(event as StatusEvent)).toBe(line);
  });

  test("non-ASCII is escaped as \\uXXXX, nested keys sorted, Python separators", () => {
    expect(pyJsonDumps({ b: "café ✓ 😀", a: [1, true, null], c: { z: 1, y: "\u007f" } })).toBe(
      '{"a": [1, true, null], "b": "caf\\u00e9 \\u2713 \\ud83d\\ude00", "c": {"y": "\\u007f", "z": 1}}',
    );
  });

  test("legacy feature_slug and doing read fine", () => {
    const [event] = parseEventLog(
      '{"actor": "x", "at": "t", "event_id": "E1", "feature_slug": "007-old", "from_lane": "planned", "to_lane": "doing", "wp_id": "WP01"}\n',
      "log",
    );
    expect(event?.mission_slug).toBe("007-old");
    expect(event?.to_lane).toBe("in_progress");
    expect(event?.force).toBe(false);
    // feature_slug is a read-only alias: a re-written line carries the 13 written keys, mission_slug.
    const written = JSON.parse(serializeEvent(event as StatusEvent)) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual([...STATUS_EVENT_KEYS]);
    expect(written.mission_slug).toBe("007-old");
  });

  test("only the written keys are serialised, whatever else the object carries", () => {
    const event = { ...ev({ event_id: "E1", at: "t1", wp_id: "WP01" }), feature_slug: "x", extra: 1 };
    expect(Object.keys(JSON.parse(serializeEvent(event)))).toEqual([...STATUS_EVENT_KEYS]);
  });

  test("a corrupt line is reported with its file and line number", () => {
    const good = serializeEvent(ev({ event_id: "E1", at: "t1", wp_id: "WP01" }));
    expect(() => parseEventLog(`${good}\n\n{"actor": oops\n`, "kitty-specs/x/status.events.jsonl")).toThrow(
      "kitty-specs/x/status.events.jsonl line 3: not valid JSON",
    );
    expect(() => parseEventLog(`${good.replace('"claimed"', '"reviewing"')}\n`, "f")).toThrow(
      "f line 1: unknown lane 'reviewing'",
    );
    expect(() => parseEventLog('{"wp_id": "WP01"}\n', "f")).toThrow("f line 1: not a status event");
  });
});

describe("reducer", () => {
  test("orders by (at, event_id) whatever the file order, and dedupes by event_id", () => {
    const events = [
      ev({
        event_id: "E3",
        at: "2026-01-01T00:00:03+00:00",
        wp_id: "WP01",
        from_lane: "claimed",
        to_lane: "in_progress",
      }),
      ev({ event_id: "E1", at: "2026-01-01T00:00:01+00:00", wp_id: "WP01" }),
      ev({ event_id: "E1", at: "2026-01-01T00:00:09+00:00", wp_id: "WP01", to_lane: "done" }),
      ev({ event_id: "E2", at: "2026-01-01T00:00:01+00:00", wp_id: "WP02", force: true, to_lane: "planned" }),
    ];
    const snap = reduce(events);
    expect(snap.event_count).toBe(3);
    expect(snap.work_packages.WP01?.lane).toBe("in_progress");
    expect(snap.work_packages.WP02).toEqual({
      actor: "a",
      force_count: 1,
      lane: "planned",
      last_event_id: "E2",
      last_transition_at: "2026-01-01T00:00:01+00:00",
    });
    expect(snap.last_event_id).toBe("E3");
    expect(snap.materialized_at).toBe("2026-01-01T00:00:03+00:00");
    expect(snap.summary).toEqual({
      planned: 1,
      claimed: 0,
      in_progress: 1,
      for_review: 0,
      in_review: 0,
      approved: 0,
      done: 0,
      blocked: 0,
      canceled: 0,
    });
    // Any file order gives the same snapshot, as long as the first copy of a duplicate stays first.
    expect(reduce([events[3], events[1], events[0], events[2]] as StatusEvent[])).toEqual(snap);
  });

  test("same instant, same WP: the event id breaks the tie", () => {
    const at = "2026-01-01T00:00:01+00:00";
    const snap = reduce([
      ev({ event_id: "B", at, wp_id: "WP01", from_lane: "claimed", to_lane: "blocked" }),
      ev({ event_id: "A", at, wp_id: "WP01" }),
    ]);
    expect(snap.work_packages.WP01?.lane).toBe("blocked");
  });

  test("a review rollback wins a tie against a forward move at the same instant", () => {
    const at = "2026-01-01T00:00:05+00:00";
    const snap = reduce([
      ev({
        event_id: "A",
        at,
        wp_id: "WP01",
        from_lane: "for_review",
        to_lane: "in_progress",
        review_ref: "r",
      }),
      ev({ event_id: "B", at, wp_id: "WP01", from_lane: "for_review", to_lane: "in_review" }),
    ]);
    expect(snap.work_packages.WP01?.lane).toBe("in_progress");
    expect(snap.work_packages.WP01?.last_event_id).toBe("A");
  });

  // Before: only the legacy for_review → in_progress form counted as a rollback, so a reviewer's
  // in_review → in_progress lost a same-instant tie to a forward move (upstream keeps the rollback).
  test("in_review → in_progress is a rollback too", () => {
    const at = "2026-01-01T00:00:05+00:00";
    const snap = reduce([
      ev({ event_id: "A", at, wp_id: "WP01", from_lane: "in_review", to_lane: "in_progress" }),
      ev({ event_id: "B", at, wp_id: "WP01", from_lane: "in_review", to_lane: "approved" }),
    ]);
    expect(snap.work_packages.WP01?.lane).toBe("in_progress");
  });

  test("genesis seeds and annotation-only WPs are known but on no lane; annotations fold last and are not deduplicated", () => {
    const note = (id: string, at: string, delta: Record<string, unknown>, wp = "WP01") => ({
      event_id: id,
      wp_id: wp,
      at,
      actor: "codex",
      delta,
    });
    const snap = reduce(
      [
        ev({
          event_id: "E1",
          at: "2026-01-01T00:00:01+00:00",
          wp_id: "WP01",
          from_lane: "genesis",
          to_lane: "planned",
        }),
        ev({
          event_id: "E2",
          at: "2026-01-01T00:00:02+00:00",
          wp_id: "WP01",
          from_lane: "planned",
          to_lane: "claimed",
          policy_metadata: { agent: "claude", shell_pid: 41 },
        }),
        // A lane event after the annotation's time still does not reset its slots.
        ev({
          event_id: "E3",
          at: "2026-01-01T00:00:09+00:00",
          wp_id: "WP01",
          from_lane: "claimed",
          to_lane: "in_progress",
        }),
      ],
      [
        note("N2", "2026-01-01T00:00:05+00:00", { note: "same", subtasks: { T001: "done" } }),
        note("N2", "2026-01-01T00:00:05+00:00", { note: "same" }),
        note("N1", "2026-01-01T00:00:04+00:00", { release_runtime_claim: true, agent: "codex" }),
        note("N3", "2026-01-01T00:00:06+00:00", { tracker_refs: ["GH-1"] }, "WP09"),
      ],
    );
    expect(snap.work_packages.WP01).toMatchObject({
      lane: "in_progress",
      agent: "codex",
      shell_pid: null,
      notes: ["same", "same"],
      subtasks: { T001: "done" },
    });
    expect(snap.work_packages.WP09).toMatchObject({
      lane: "uninitialized",
      last_event_id: null,
      tracker_refs: ["GH-1"],
    });
    expect(snap.event_count).toBe(3);
    expect(Object.values(snap.summary).reduce((a, b) => a + b, 0)).toBe(1);
  });

  test("an empty log reduces to the empty snapshot", () => {
    const snap = reduce([]);
    expect(snap).toMatchObject({
      event_count: 0,
      last_event_id: null,
      materialized_at: "",
      mission_slug: "",
    });
  });
});

describe("streaming reader", () => {
  /** A >1 MB log with raw multi-byte characters, so lines and characters straddle chunk borders. */
  function bigLog(root: string, shuffle: boolean) {
    const mission = resolveMission(root, "001-status-demo");
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const event = ev({
        event_id: `E${String(i).padStart(6, "0")}`,
        at: `2026-04-01T00:${String(Math.floor(i / 600)).padStart(2, "0")}:00.${String(i % 600).padStart(6, "0")}+00:00`,
        wp_id: `WP${String((i % 40) + 1).padStart(2, "0")}`,
        actor: `agént-ü-${i % 7}-✓`,
        force: i % 3 === 0,
        to_lane: (["planned", "claimed", "in_progress", "for_review"] as const)[i % 4],
      });
      lines.push(JSON.stringify(event));
    }
    if (shuffle) lines.reverse();
    writeFileSync(join(mission.dir, "status.events.jsonl"), `${lines.join("\n")}\n`);
    return mission;
  }

  test("an in-order log is folded while streaming, with the same result as the full reducer", () => {
    const mission = bigLog(copyFixture("status-board"), false);
    const streamed = foldLog(mission);
    expect(streamed).not.toBeNull();
    expect(streamed?.snapshot()).toEqual(reduce(readEvents(mission)));
    expect(loadSnapshot(mission).work_packages.WP07?.actor).toBe("agént-ü-2-✓");
  });

  test("an out-of-order log falls back to the sorting reducer", () => {
    const mission = bigLog(copyFixture("status-board"), true);
    expect(foldLog(mission)).toBeNull();
    const full = reduce(readEvents(mission));
    expect(loadSnapshot(mission)).toEqual(full);
    expect(full.last_event_id).toBe("E005999");
  });

  test("a corrupt line deep in a big log is reported with its line number", () => {
    const mission = bigLog(copyFixture("status-board"), false);
    const path = join(mission.dir, "status.events.jsonl");
    const lines = readFileSync(path, "utf8").split("\n");
    lines[4321] = "{not json";
    writeFileSync(path, lines.join("\n"));
    expect(() => loadSnapshot(mission)).toThrow("status.events.jsonl line 4322");
  });
});

describe("store, emit, materialize, bootstrap", () => {
  test("materialize writes sorted status.json whose timestamp is the last event's, and skips identical bytes", async () => {
    const root = copyFixture("status-board");
    const mission = resolveMission(root, "001-status-demo");
    const first = await materialize(mission);
    expect(first.written).toBe(true);
    const text = readFileSync(first.path, "utf8");
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual([
      "event_count",
      "last_event_id",
      "materialized_at",
      "mission_number",
      "mission_slug",
      "mission_type",
      "summary",
      "work_packages",
    ]);
    expect(parsed.materialized_at).toBe("2026-03-02T10:00:00.600000+00:00");
    expect(parsed.work_packages.WP01.lane).toBe("in_progress");
    expect(text.endsWith("}\n")).toBe(true);
    expect((await materialize(mission)).written).toBe(false);
  });

  test("a corrupt line fails materialize and emit with the line number; nothing is rewritten", async () => {
    const root = copyFixture("status-board");
    const mission = resolveMission(root, "001-status-demo");
    const log = join(mission.dir, "status.events.jsonl");
    writeFileSync(log, `${readFileSync(log, "utf8")}{"torn": \n`);
    const before = snapshotTree(root);
    await expect(materialize(mission)).rejects.toThrow("status.events.jsonl line 7");
    await expect(emitTransition(mission, { wpId: "WP02", to: "claimed", actor: "x" })).rejects.toThrow(
      "line 7",
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  test("emit derives from_lane from the replayed log and refuses illegal moves without writing", async () => {
    const root = copyFixture("status-board");
    const mission = resolveMission(root, "001-status-demo");
    const event = await emitTransition(mission, { wpId: "WP02", to: "claimed", actor: "codex" });
    expect(event.from_lane).toBe("planned");
    expect(event.event_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(event.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    const before = snapshotTree(root);
    await expect(emitTransition(mission, { wpId: "WP02", to: "done", actor: "codex" })).rejects.toThrow(
      "illegal transition: claimed -> done",
    );
    expect(snapshotTree(root)).toEqual(before);
    const last = readFileSync(join(mission.dir, "status.events.jsonl"), "utf8").trimEnd().split("\n").pop();
    expect(last).toBe(serializeEvent(event));
  });

  test("bootstrap seeds only WPs without events, in id order, and is idempotent", async () => {
    const root = copyFixture("status-board");
    const mission = resolveMission(root, "001-status-demo");
    const created = await bootstrapStatus(mission, ["WP06", "WP01", "WP05"], "finalize-tasks");
    expect(created.map((e) => e.wp_id)).toEqual(["WP05", "WP06"]);
    expect(created[0]).toMatchObject({
      actor: "finalize-tasks",
      force: true,
      from_lane: "planned",
      to_lane: "planned",
      reason: "canonical bootstrap",
      execution_mode: "worktree",
      mission_slug: "001-status-demo",
    });
    expect(await bootstrapStatus(mission, ["WP06", "WP01", "WP05"], "finalize-tasks")).toEqual([]);
    expect(readEvents(mission)).toHaveLength(8);
    expect(JSON.parse(readFileSync(join(mission.dir, "status.json"), "utf8")).summary.planned).toBe(5);
  });

  test("legacy mission (no mission_id, feature_slug events) materialises with its number and type", async () => {
    const root = copyFixture("status-legacy");
    const mission = resolveMission(root, "007-old-feature");
    expect(existsSync(join(mission.dir, "status.json"))).toBe(false);
    const { status } = await materialize(mission);
    // status.json spells the number as spec-kitty 3.2 writes it (unpadded); displays keep "007".
    expect(status.mission_number).toBe("7");
    expect(status.mission_type).toBe("software-dev");
    expect(status.mission_slug).toBe("007-old-feature");
    expect(status.work_packages.WP01?.lane).toBe("in_progress");
  });
});
