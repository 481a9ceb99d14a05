import type { Database } from "bun:sqlite";

/** One row of the offline queue: the event as it will be sent, plus its delivery bookkeeping. */
export interface QueuedEvent {
  id: number;
  eventId: string;
  eventType: string;
  /** The full event envelope as JSON text. */
  data: string;
  retryCount: number;
  lastError: string | null;
}

export interface NewEvent {
  eventId: string;
  eventType: string;
  data: string;
  /** Epoch seconds; FIFO order is by insertion id, this is kept for the original's table shape. */
  timestamp: number;
}

/** Oldest events are dropped beyond this many, so an offline machine never grows the file without bound. */
export const MAX_QUEUE_SIZE = 100_000;

// The `queue` table keeps the original's column names (plus `last_error`) so the file stays familiar.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT UNIQUE NOT NULL,
  event_type TEXT NOT NULL,
  data TEXT NOT NULL,
  timestamp INTEGER,
  retry_count INTEGER DEFAULT 0,
  coalesce_key TEXT,
  last_error TEXT
);
CREATE TABLE IF NOT EXISTS sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * The SQLite offline queue (`<home>/queue.db`). WAL lets a status append and a running `sync now`
 * proceed side by side; the busy timeout turns a brief write collision into a short wait, not an error.
 * Every change is one transaction, so a process killed mid-way leaves the queue as it was before.
 */
export class EventQueue {
  private constructor(private readonly db: Database) {}

  static open(path: string, busyTimeoutMs = 5_000): EventQueue {
    // Loaded on demand: status commands import this module, and most of them never touch the queue.
    const { Database: Db } = require("bun:sqlite") as typeof import("bun:sqlite");
    const db = new Db(path, { create: true, strict: true });
    try {
      db.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
      db.run("PRAGMA journal_mode = WAL");
      db.run("PRAGMA synchronous = NORMAL");
      db.run(SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    return new EventQueue(db);
  }

  /** Adds events (an event already queued is ignored) and evicts the oldest beyond MAX_QUEUE_SIZE. */
  enqueue(events: NewEvent[], maxSize = MAX_QUEUE_SIZE): number {
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO queue (event_id, event_type, data, timestamp) VALUES ($eventId, $eventType, $data, $timestamp)",
    );
    const run = this.db.transaction((rows: NewEvent[]) => {
      let added = 0;
      for (const row of rows) added += insert.run({ ...row }).changes;
      const total = this.count();
      if (total > maxSize) {
        this.db
          .prepare("DELETE FROM queue WHERE id IN (SELECT id FROM queue ORDER BY id LIMIT $n)")
          .run({ n: total - maxSize });
      }
      return added;
    });
    return run(events);
  }

  /** Up to `limit` events with id greater than `afterId`, oldest first (a cursor, so one drain sends each once). */
  batchAfter(afterId: number, limit: number): QueuedEvent[] {
    return this.db
      .prepare(
        `SELECT id, event_id AS eventId, event_type AS eventType, data, retry_count AS retryCount,
                last_error AS lastError
           FROM queue WHERE id > $afterId ORDER BY id LIMIT $limit`,
      )
      .all({ afterId, limit }) as QueuedEvent[];
  }

  /** Applies one batch's outcome in a single transaction: delivered rows go, rejected rows count a retry. */
  settle(delivered: number[], rejected: { id: number; error: string }[]): void {
    const remove = this.db.prepare("DELETE FROM queue WHERE id = $id");
    const bump = this.db.prepare(
      "UPDATE queue SET retry_count = retry_count + 1, last_error = $error WHERE id = $id",
    );
    this.db.transaction(() => {
      for (const id of delivered) remove.run({ id });
      for (const row of rejected) bump.run(row);
    })();
  }

  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM queue").get() as { n: number }).n;
  }

  /** Events that the server refused at least once and are still waiting. */
  retryingCount(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM queue WHERE retry_count > 0").get() as { n: number })
      .n;
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare("SELECT value FROM sync_meta WHERE key = $key").get({ key }) as {
      value: string;
    } | null;
    return row?.value ?? null;
  }

  setMeta(values: Record<string, string>): void {
    const put = this.db.prepare("INSERT OR REPLACE INTO sync_meta (key, value) VALUES ($key, $value)");
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) put.run({ key, value });
    })();
  }

  close(): void {
    this.db.close();
  }
}
