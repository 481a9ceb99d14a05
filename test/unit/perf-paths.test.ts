/**
 * The fast paths added for start-up and large logs must behave exactly like what they replaced:
 * our ULIDs, the chunked log scanner (multi-byte characters across chunk edges, long lines, BOM, no
 * final newline) and event-line validation by the generated validator (the schema's verdict, always).
 */
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  parseEventLog,
  parseLogLine,
  type StatusEvent,
  serializeEvent,
} from "../../src/core/status/event.ts";
import { scanLog } from "../../src/core/status/log-reader.ts";
import { monotonicUlid, ulid } from "../../src/core/ulid.ts";
import { tempDir } from "../support/fs.ts";
import { statusEvent } from "../support/status.ts";

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("ulid", () => {
  test("26 Crockford base32 characters whose first 10 encode the time", () => {
    const id = ulid(1_700_000_000_000);
    expect(id).toMatch(CROCKFORD);
    let ms = 0;
    for (const ch of id.slice(0, 10)) ms = ms * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(ch);
    expect(ms).toBe(1_700_000_000_000);
    expect(ulid()).not.toBe(ulid());
  });

  test("a monotonic source yields strictly increasing ids within one millisecond", () => {
    const next = monotonicUlid();
    const ids = Array.from({ length: 2000 }, () => next());
    for (const id of ids) expect(id).toMatch(CROCKFORD);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

function event(n: number, actor: string): StatusEvent {
  return statusEvent({
    actor,
    at: `2026-01-01T00:00:00.${String(n).padStart(6, "0")}+00:00`,
    event_id: `01KJZ${String(n).padStart(21, "0")}`,
    wp_id: "WP01",
  });
}

function scanAll(text: string): StatusEvent[] {
  const path = join(tempDir(), "status.events.jsonl");
  writeFileSync(path, text);
  const out: StatusEvent[] = [];
  scanLog(path, "status.events.jsonl", (row) => {
    if (row.type === "lane") out.push(row.event);
    return true;
  });
  return out;
}

describe("scanLog", () => {
  test("reads exactly what parseEventLog reads: multi-byte text across chunk edges, a 200 KB line, a BOM, no final newline", () => {
    const lines: string[] = [];
    for (let n = 0; n < 3000; n++) lines.push(serializeEvent(event(n, `agént-ü-✓-${"€".repeat(n % 13)}`)));
    lines[1500] = serializeEvent(event(1500, "ä".repeat(200_000)));
    lines.splice(10, 0, "", "   ");
    const text = `\uFEFF${lines.join("\n")}`;
    const scanned = scanAll(text);
    expect(scanned).toHaveLength(3000);
    expect(scanned).toEqual(parseEventLog(text.slice(1), "status.events.jsonl"));
    expect(scanned[1500]?.actor).toHaveLength(200_000);
  });

  test("a corrupt line after a long one is reported with its line number", () => {
    const lines = [serializeEvent(event(1, "x".repeat(100_000))), serializeEvent(event(2, "y")), "{oops"];
    expect(() => scanAll(`${lines.join("\n")}\n`)).toThrow("status.events.jsonl line 3");
  });
});

describe("event line validation", () => {
  const base = JSON.parse(serializeEvent(event(1, "a"))) as Record<string, unknown>;
  const line = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });

  test("lines the schema rejects are still rejected with the schema's message", () => {
    for (const patch of [
      { evidence: [] },
      { policy_metadata: "x" },
      { force: "yes" },
      { wp_id: "" },
      { reason: 3 },
      { actor: null },
    ]) {
      expect(() => parseLogLine(line(patch), "log", 7)).toThrow("log line 7: not a status event");
    }
    expect(() => parseLogLine("[]", "log", 2)).toThrow("log line 2: a log line must be a JSON object");
  });

  test("legacy and sparse lines the schema accepts still read the same", () => {
    const { mission_slug: _m, force: _f, evidence: _e, ...sparse } = base;
    const lane = (text: string) => {
      const row = parseLogLine(text, "log", 1);
      if (row.type !== "lane") throw new Error("not a lane event");
      return row.event;
    };
    const parsed = lane(JSON.stringify({ ...sparse, feature_slug: "001-old" }));
    expect(parsed.mission_slug).toBe("001-old");
    expect(parsed.force).toBe(false);
    expect(parsed.evidence).toBeNull();
    expect(lane(line({ evidence: { review: {} }, force: null })).evidence).toEqual({
      review: {},
    });
  });
});
