import { postJson, serverError } from "../auth/http.ts";
import { obtainSession, type Session } from "../auth/session.ts";
import { SpecKittyError } from "../errors.ts";
import { type Env, homePaths } from "../home.ts";
import { EventQueue, type QueuedEvent } from "../outbox/store.ts";

/** The server's per-request limit on events. */
export const BATCH_LIMIT = 1_000;
const BATCH_TIMEOUT_MS = 30_000;
/** Server outcomes that mean "stored, or already stored": either way the event leaves the queue. */
const DELIVERED = new Set(["success", "accepted", "duplicate"]);

export interface SyncReport {
  server: string;
  username: string;
  batches: number;
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  remaining: number;
  /** Network token refreshes this run needed (0 when the stored access token was valid). */
  refreshes: number;
  last_sync_at: string;
}

interface BatchOutcome {
  delivered: number[];
  duplicates: number;
  rejected: { id: number; error: string }[];
}

/** Reads the server's per-event results; an event it does not mention counts as rejected. */
function outcomeOf(batch: QueuedEvent[], body: unknown): BatchOutcome {
  const results = (body as { results?: unknown } | undefined)?.results;
  const byId = new Map<string, { status: string; error: string }>();
  if (Array.isArray(results)) {
    for (const item of results as Record<string, unknown>[]) {
      if (typeof item?.event_id !== "string") continue;
      const error = item.error_message ?? item.error ?? "";
      byId.set(item.event_id, { status: String(item.status ?? ""), error: String(error) });
    }
  }
  const outcome: BatchOutcome = { delivered: [], duplicates: 0, rejected: [] };
  for (const row of batch) {
    const result = byId.get(row.eventId);
    if (result && DELIVERED.has(result.status)) {
      outcome.delivered.push(row.id);
      if (result.status === "duplicate") outcome.duplicates++;
    } else {
      outcome.rejected.push({
        id: row.id,
        error: result ? result.error || result.status : "no result from server",
      });
    }
  }
  return outcome;
}

/**
 * `sync now`: takes a valid access token through the refresh transaction (always, even with nothing
 * queued, so it doubles as a session check), then drains the queue oldest first in batches of at most
 * BATCH_LIMIT. Accepted and duplicate events leave the queue; rejected ones stay with a retry count and
 * are not resent in the same run. A 401 on a batch gets one refresh and one retry. Each batch's outcome
 * is one SQLite transaction, so a crash loses nothing and resends at most one batch (deduplicated).
 */
export async function syncNow(env: Env, batchSize = BATCH_LIMIT): Promise<SyncReport> {
  const paths = homePaths(env);
  let session: Session = await obtainSession(env);
  let refreshes = session.refreshes;
  const size = Math.max(1, Math.min(BATCH_LIMIT, batchSize));
  const queue = EventQueue.open(paths.queueDb);
  const report = { batches: 0, sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
  try {
    let cursor = 0;
    for (;;) {
      const batch = queue.batchAfter(cursor, size);
      const last = batch.at(-1);
      if (!last) break;
      cursor = last.id;
      const team = session.creds.user.team_slug || "local";
      const events = batch.map((row) => ({ ...JSON.parse(row.data), team_slug: team }));
      const url = `${session.server}/api/v1/events/batch/`;
      let response = await postJson(url, { events }, { timeoutMs: BATCH_TIMEOUT_MS, bearer: session.access });
      if (response.status === 401) {
        session = await obtainSession(env, { rejected: session.access });
        refreshes += session.refreshes;
        response = await postJson(url, { events }, { timeoutMs: BATCH_TIMEOUT_MS, bearer: session.access });
        if (response.status === 401) {
          throw new SpecKittyError(
            "SYNC_UNAUTHORIZED",
            `${session.server} refused a freshly refreshed token`,
            {
              fix: "run `spec-kitty auth login --force`; queued events are kept",
            },
          );
        }
      }
      if (response.status !== 200) throw serverError(url, response.status);
      const outcome = outcomeOf(batch, response.body);
      queue.settle(outcome.delivered, outcome.rejected);
      report.batches++;
      report.sent += batch.length;
      report.accepted += outcome.delivered.length - outcome.duplicates;
      report.duplicates += outcome.duplicates;
      report.rejected += outcome.rejected.length;
    }
    const at = new Date().toISOString();
    queue.setMeta({ last_sync_at: at, last_sync_server: session.server });
    return {
      server: session.server,
      username: session.creds.user.username,
      ...report,
      remaining: queue.count(),
      refreshes,
      last_sync_at: at,
    };
  } finally {
    queue.close();
  }
}
