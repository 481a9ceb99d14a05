import { existsSync } from "node:fs";
import { authStatus } from "../auth/status.ts";
import { type Env, homePaths } from "../home.ts";
import { EventQueue } from "../outbox/store.ts";

export interface SyncStatus {
  queued: number;
  retrying: number;
  last_sync_at: string | null;
  server: string | null;
  authenticated: boolean;
  username: string | null;
}

/** `sync status`: local facts only (no network). A missing queue file is an empty queue. */
export function syncStatus(env: Env): SyncStatus {
  const paths = homePaths(env);
  const auth = authStatus(env);
  let queued = 0;
  let retrying = 0;
  let lastSync: string | null = null;
  if (existsSync(paths.queueDb)) {
    const queue = EventQueue.open(paths.queueDb);
    try {
      queued = queue.count();
      retrying = queue.retryingCount();
      lastSync = queue.getMeta("last_sync_at");
    } finally {
      queue.close();
    }
  }
  return {
    queued,
    retrying,
    last_sync_at: lastSync,
    server: auth.server ?? auth.configured_server?.url ?? null,
    authenticated: auth.authenticated,
    username: auth.username,
  };
}
