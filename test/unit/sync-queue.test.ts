import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { homePaths } from "../../src/core/home.ts";
import { queueStatusEvents, statusEnvelope } from "../../src/core/outbox/queue.ts";
import { EventQueue } from "../../src/core/outbox/store.ts";
import { tempDir } from "../support/fs.ts";

function statusEvent(n: number) {
  return {
    event_id: `01J0000000000000000000${String(n).padStart(4, "0")}`,
    wp_id: `WP${String(n % 100).padStart(2, "0")}`,
    from_lane: "planned",
    to_lane: "claimed",
    at: "2026-04-09T12:00:00+00:00",
    actor: "codex",
  };
}

/** A home with a credentials file present (queueing only needs to know a session exists). */
function loggedInHome(): string {
  const home = tempDir();
  writeFileSync(join(home, "credentials"), "placeholder");
  return home;
}

function rows(home: string): { event_id: string; data: string }[] {
  const db = new Database(join(home, "queue.db"), { readonly: true });
  try {
    return db.query("SELECT event_id, data FROM queue ORDER BY id").all() as {
      event_id: string;
      data: string;
    }[];
  } finally {
    db.close();
  }
}

const ctx = { mission_slug: "001-demo", mission_id: "01JMISSION0000000000000000" };

describe("queueStatusEvents", () => {
  test("does nothing (not even a database file) when nobody is logged in", () => {
    const home = tempDir();
    queueStatusEvents([statusEvent(1)], ctx, { SPEC_KITTY_HOME: home });
    expect(existsSync(join(home, "queue.db"))).toBe(false);
  });

  test("queues each event once, in order, wrapped in a WPStatusChanged envelope", () => {
    const home = loggedInHome();
    const env = { SPEC_KITTY_HOME: home };
    queueStatusEvents([statusEvent(1), statusEvent(2)], ctx, env);
    queueStatusEvents([statusEvent(2), statusEvent(3)], ctx, env); // 2 again: ignored
    const queued = rows(home);
    expect(queued.map((r) => r.event_id)).toEqual([1, 2, 3].map((n) => statusEvent(n).event_id));
    const envelope = JSON.parse(queued[0]?.data ?? "{}");
    expect(envelope.event_type).toBe("WPStatusChanged");
    expect(envelope.aggregate_type).toBe("WorkPackage");
    expect(envelope.aggregate_id).toBe("WP01");
    expect(envelope.payload.mission_id).toBe(ctx.mission_id);
    expect(envelope.payload.to_lane).toBe("claimed");
  });

  test("a legacy mission without mission_id gets no mission_id key (absent, not null)", () => {
    const row = statusEnvelope(statusEvent(1), { mission_slug: "001-old", mission_id: null });
    expect(JSON.parse(row?.data ?? "{}").payload).not.toHaveProperty("mission_id");
    expect(statusEnvelope({ wp_id: "WP01" }, ctx)).toBeNull();
  });

  test("never throws: a corrupt queue file, an unusable home, odd input", () => {
    const home = loggedInHome();
    writeFileSync(join(home, "queue.db"), "this is not a sqlite database, just text ".repeat(200));
    expect(() => queueStatusEvents([statusEvent(1)], ctx, { SPEC_KITTY_HOME: home })).not.toThrow();
    const blocked = loggedInHome();
    mkdirSync(join(blocked, "queue.db")); // a directory where the file should be
    expect(() => queueStatusEvents([statusEvent(1)], ctx, { SPEC_KITTY_HOME: blocked })).not.toThrow();
    expect(() => queueStatusEvents([statusEvent(1)], ctx, {})).not.toThrow(); // no home at all
    expect(() =>
      queueStatusEvents([null as unknown as object], ctx, { SPEC_KITTY_HOME: home }),
    ).not.toThrow();
  });
});

describe("EventQueue", () => {
  test("batches by cursor, settles delivered and rejected rows atomically, keeps meta", () => {
    const path = homePaths({ SPEC_KITTY_HOME: tempDir() }).queueDb;
    const queue = EventQueue.open(path);
    queue.enqueue(
      [1, 2, 3, 4, 5].map((n) => ({
        eventId: `e${n}`,
        eventType: "WPStatusChanged",
        data: "{}",
        timestamp: n,
      })),
    );
    const first = queue.batchAfter(0, 2);
    expect(first.map((r) => r.eventId)).toEqual(["e1", "e2"]);
    expect(queue.batchAfter(first[1]?.id ?? 0, 10).map((r) => r.eventId)).toEqual(["e3", "e4", "e5"]);
    queue.settle([first[0]?.id ?? -1], [{ id: first[1]?.id ?? -1, error: "schema_mismatch" }]);
    expect(queue.count()).toBe(4);
    expect(queue.retryingCount()).toBe(1);
    expect(queue.batchAfter(0, 1)[0]).toMatchObject({
      eventId: "e2",
      retryCount: 1,
      lastError: "schema_mismatch",
    });
    queue.setMeta({ last_sync_at: "then" });
    expect(queue.getMeta("last_sync_at")).toBe("then");
    queue.close();
  });

  test("beyond the capacity the oldest events are dropped", () => {
    const queue = EventQueue.open(join(tempDir(), "q.db"));
    queue.enqueue(
      Array.from({ length: 10 }, (_, n) => ({ eventId: `e${n}`, eventType: "X", data: "{}", timestamp: n })),
      4,
    );
    expect(queue.batchAfter(0, 100).map((r) => r.eventId)).toEqual(["e6", "e7", "e8", "e9"]);
    queue.close();
  });
});
