/** `sync now|status` through the compiled binary: real queue database, real test server. */
import { Database } from "bun:sqlite";
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCredentials } from "../../src/core/auth/credentials.ts";
import { homePaths } from "../../src/core/home.ts";
import { queueStatusEvents } from "../../src/core/outbox/queue.ts";
import { seedSession, useAuthServer } from "../support/auth-server.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { BIN, type RunResult, runBin, testEnv } from "../support/run.ts";

// Real processes on shared, busy machines: allow far more than bun's 5 s default per test.
setDefaultTimeout(120_000);

const { server, outputs } = useAuthServer({ resetEachTest: true });

async function cli(home: string, args: string[]): Promise<RunResult> {
  const result = await runBin(args, { cwd: home, env: { SPEC_KITTY_HOME: home } });
  outputs.push(result.stdout, result.stderr);
  return result;
}

const ctx = { mission_slug: "001-demo", mission_id: "01JMISSIONID00000000000000" };
const eventId = (n: number) => `01JEVENT${String(n).padStart(18, "0")}`;

/** Queues events the way the status store does after an append. */
function enqueue(home: string, ids: number[]): void {
  const events = ids.map((n) => ({
    event_id: eventId(n),
    wp_id: "WP01",
    from_lane: "planned",
    to_lane: "claimed",
    at: "2026-04-09T12:00:00+00:00",
    actor: "codex",
  }));
  queueStatusEvents(events, ctx, { SPEC_KITTY_HOME: home });
}

function queued(home: string): { event_id: string; retry_count: number }[] {
  const db = new Database(homePaths({ SPEC_KITTY_HOME: home }).queueDb, { readonly: true });
  try {
    return db.query("SELECT event_id, retry_count FROM queue ORDER BY id").all() as {
      event_id: string;
      retry_count: number;
    }[];
  } finally {
    db.close();
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("sync now", () => {
  test("drains the queue in batches of at most 1,000, with the Bearer token", async () => {
    const home = tempDir();
    const pair = await seedSession(home, server);
    enqueue(home, range(1, 2_500));
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 2_500, accepted: 2_500, batches: 3, remaining: 0 });
    const stats = await server.stats();
    expect(stats.batch_sizes).toEqual([1_000, 1_000, 500]);
    expect(stats.received_event_ids).toEqual(range(1, 2_500).map(eventId));
    expect(new Set(stats.authorizations)).toEqual(new Set([pair.access]));
    expect(queued(home)).toEqual([]);
    const status = JSON.parse((await cli(home, ["sync", "status", "--json"])).stdout);
    expect(status).toMatchObject({ queued: 0, server: server.url, authenticated: true });
    expect(status.last_sync_at).toBeString();
  });

  test("always obtains a valid token, even with nothing queued (a session check)", async () => {
    const home = tempDir();
    await seedSession(home, server, { accessExpired: true });
    const r = await cli(home, ["sync", "now"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Session OK");
    expect((await server.stats()).refresh_ok).toBe(1);
  });

  test("duplicates leave the queue, rejected events stay with a retry count", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, [1, 2]);
    expect((await cli(home, ["sync", "now"])).code).toBe(0);
    enqueue(home, [1, 3, 4]); // 1 is already on the server
    await server.configure({ reject_ids: [eventId(4)] });
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      sent: 3,
      accepted: 1,
      duplicates: 1,
      rejected: 1,
      remaining: 1,
    });
    expect(queued(home)).toEqual([{ event_id: eventId(4), retry_count: 1 }]);
    const text = await cli(home, ["sync", "status"]);
    expect(text.stdout).toContain("Queued events: 1 (1 rejected before, will retry)");
    await server.configure({ reject_ids: [] });
    expect(JSON.parse((await cli(home, ["sync", "now", "--json"])).stdout)).toMatchObject({
      accepted: 1,
      remaining: 0,
    });
  });

  test("a 401 on a batch triggers one refresh and one retry", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, [1, 2, 3]);
    await server.revokeAccess(); // the stored token still looks valid to the client
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 3, refreshes: 1 });
    const stats = await server.stats();
    expect(stats.batch_401).toBe(1);
    expect(stats.batch_requests).toBe(2);
    expect(stats.refresh_ok).toBe(1);
  });

  test("a second 401 after the refresh stops with an error; events and session are kept", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, [1, 2]);
    await server.configure({ batch_mode: "401" });
    const r = await cli(home, ["sync", "now"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refused a freshly refreshed token");
    expect((await server.stats()).batch_requests).toBe(2);
    expect(queued(home).length).toBe(2);
    expect(readCredentials(homePaths({ SPEC_KITTY_HOME: home }))).not.toBeNull();
  });

  test("server errors fail the sync, never the queue", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, [1, 2]);
    await server.configure({ batch_mode: "500" });
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error_code).toBe("SERVER_ERROR");
    expect(queued(home).map((e) => e.retry_count)).toEqual([0, 0]);
  });

  test("the queue survives kill -9 in the middle of a sync; the next sync delivers everything once", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, range(1, 2_500));
    await server.configure({ batch_hold: 2 }); // first batch goes through, the second is held
    const proc = Bun.spawn([BIN, "sync", "now"], {
      cwd: home,
      env: testEnv(home, { SPEC_KITTY_HOME: home }),
      stdout: "ignore",
      stderr: "ignore",
    });
    await server.waitFor("batch_held", 1);
    proc.kill("SIGKILL");
    await proc.exited;
    const left = queued(home);
    expect(left.length).toBe(1_500);
    expect(left[0]?.event_id).toBe(eventId(1_001));
    await server.configure({ batch_hold: 0 });
    await server.release(); // the held request was already abandoned by the dead client
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(r.code).toBe(0);
    expect(queued(home)).toEqual([]);
    const stats = await server.stats();
    expect(stats.stored).toBe(2_500);
  });

  test("not logged in: a clear error, and status works offline", async () => {
    const home = tempDir();
    const r = await cli(home, ["sync", "now"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not logged in");
    expect(r.stderr).toContain("spec-kitty auth login");
    const status = await cli(home, ["sync", "status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Queued events: 0");
    expect(status.stdout).toContain("Last sync:     never");
  });
});

describe("queueing never blocks a local command", () => {
  test("queueStatusEvents gives up (no throw) when the queue stays locked by another writer", async () => {
    const home = tempDir();
    await seedSession(home, server);
    enqueue(home, [1]);
    const db = new Database(join(home, "queue.db"));
    db.run("BEGIN EXCLUSIVE");
    expect(() => enqueue(home, [2])).not.toThrow();
    db.run("ROLLBACK");
    db.close();
    // The command went on without waiting indefinitely; the event it could not queue is skipped.
    expect(queued(home).map((e) => e.event_id)).toEqual([eventId(1)]);
  });
});

describe("status moves feed the queue", () => {
  const move = (root: string, home: string, wp: string, to = "claimed") =>
    runBin(
      ["agent", "tasks", "move-task", wp, "--to", to, "--agent", "codex", "--mission", "001-status-demo"],
      {
        cwd: root,
        env: { SPEC_KITTY_HOME: home },
      },
    );

  test("a move while logged in is queued, and sync now delivers it", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const root = copyFixture("status-board");
    const moved = await move(root, home, "WP03");
    outputs.push(moved.stdout, moved.stderr);
    expect(moved.code).toBe(0);
    expect(queued(home).length).toBe(1);
    const r = await cli(home, ["sync", "now", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 1, accepted: 1, remaining: 0 });
    expect((await server.stats()).received_event_ids.length).toBe(1);
  });

  test("logged out: the move works and nothing is queued; a broken queue never fails a move", async () => {
    const home = tempDir();
    const root = copyFixture("status-board");
    const first = await move(root, home, "WP03");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(existsSync(join(home, "queue.db"))).toBe(false);
    await seedSession(home, server);
    writeFileSync(join(home, "queue.db"), "not a database ".repeat(100));
    const moved = await move(root, home, "WP03", "in_progress");
    outputs.push(moved.stdout, moved.stderr);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
  });
});
