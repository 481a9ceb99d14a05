/**
 * A real local sync server for tests, run as its own process:
 *   bun test/support/server.ts        → prints "PORT <n>" on stdout, serves on 127.0.0.1:<n>
 * It implements the three endpoints spec-kitty calls (login, refresh with rotation, event batch) and
 * control endpoints (under /control/) that let tests force races deterministically: delays, a barrier
 * that holds refresh requests until N have arrived, an explicit hold/release, failure modes, counters,
 * and a long-poll "wait until counter ≥ n" so tests synchronise on events rather than sleeping.
 * Tests drive it through test/support/auth-server.ts.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

type Mode = "ok" | "500" | "hang" | "close" | "401";

interface Config {
  users: Record<string, string>;
  team_slug: string | null;
  access_lifetime: number | null;
  refresh_lifetime: number | null;
  refresh_mode: Mode;
  refresh_delay_ms: number;
  /** Hold refresh requests until this many are waiting (or barrier_timeout_ms passes). 0 = off. */
  refresh_barrier: number;
  barrier_timeout_ms: number;
  /** Hold every refresh request until POST /control/release. */
  refresh_hold: boolean;
  batch_mode: Mode;
  /** Hold batch requests from the Nth one on (1 = all) until POST /control/release. 0 = off. */
  batch_hold: number;
  /** Event ids the batch endpoint answers "rejected" for. */
  reject_ids: string[];
}

const defaults = (): Config => ({
  users: { alice: "wonderland" },
  team_slug: null,
  access_lifetime: null,
  refresh_lifetime: null,
  refresh_mode: "ok",
  refresh_delay_ms: 0,
  refresh_barrier: 0,
  barrier_timeout_ms: 2_000,
  refresh_hold: false,
  batch_mode: "ok",
  batch_hold: 0,
  reject_ids: [],
});

const freshStats = () => ({
  login_requests: 0,
  refresh_requests: 0,
  refresh_ok: 0,
  refresh_401: 0,
  refresh_inflight: 0,
  refresh_max_inflight: 0,
  refresh_held: 0,
  barrier_released_full: 0,
  barrier_released_timeout: 0,
  batch_requests: 0,
  batch_401: 0,
  batch_sizes: [] as number[],
  batch_held: 0,
  received_event_ids: [] as string[],
  authorizations: [] as string[],
});

let config = defaults();
let stats = freshStats();
/** refresh token → whether it has been spent (each is valid exactly once). */
let refreshTokens = new Map<string, { username: string; used: boolean }>();
let accessTokens = new Set<string>();
const issued: string[] = [];
const stored = new Set<string>();
let held: (() => void)[] = [];
let barrier: { waiting: (() => void)[]; timer: ReturnType<typeof setTimeout> | null } = {
  waiting: [],
  timer: null,
};
let hung: ServerResponse[] = [];
let waiters: { key: string; value: number; resolve: () => void }[] = [];

function bump(): void {
  waiters = waiters.filter((w) => {
    const current = (stats as Record<string, unknown>)[w.key];
    if (typeof current === "number" && current >= w.value) {
      w.resolve();
      return false;
    }
    return true;
  });
}

function token(kind: "acc" | "ref"): string {
  const value = `${kind}-${randomBytes(12).toString("hex")}`;
  issued.push(value);
  return value;
}

function issuePair(username: string): Record<string, unknown> {
  const access = token("acc");
  const refresh = token("ref");
  accessTokens.add(access);
  refreshTokens.set(refresh, { username, used: false });
  const body: Record<string, unknown> = { access, refresh };
  if (config.access_lifetime) body.access_lifetime = config.access_lifetime;
  if (config.refresh_lifetime) body.refresh_lifetime = config.refresh_lifetime;
  if (config.team_slug) body.team_slug = config.team_slug;
  return body;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits at the barrier: the Nth arrival releases everyone; the timeout releases whoever is there. */
function atBarrier(): Promise<void> {
  return new Promise((resolve) => {
    barrier.waiting.push(resolve);
    if (barrier.waiting.length >= config.refresh_barrier) {
      if (barrier.timer) clearTimeout(barrier.timer);
      stats.barrier_released_full++;
      const all = barrier.waiting;
      barrier = { waiting: [], timer: null };
      for (const go of all) go();
      return;
    }
    if (!barrier.timer) {
      barrier.timer = setTimeout(() => {
        stats.barrier_released_timeout++;
        const all = barrier.waiting;
        barrier = { waiting: [], timer: null };
        for (const go of all) go();
      }, config.barrier_timeout_ms);
    }
  });
}

/** Applies a failure mode; returns true when the request was answered (or abandoned) by it. */
function failed(mode: Mode, res: ServerResponse, req: IncomingMessage): boolean {
  if (mode === "500") send(res, 500, { error: "internal" });
  else if (mode === "401") send(res, 401, { detail: "token not valid" });
  else if (mode === "close") req.socket.destroy();
  else if (mode === "hang") hung.push(res);
  else return false;
  return true;
}

async function refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  stats.refresh_requests++;
  stats.refresh_inflight++;
  stats.refresh_max_inflight = Math.max(stats.refresh_max_inflight, stats.refresh_inflight);
  bump();
  try {
    if (config.refresh_barrier > 0) await atBarrier();
    if (config.refresh_delay_ms > 0) await sleep(config.refresh_delay_ms);
    if (config.refresh_hold) {
      stats.refresh_held++;
      bump();
      await new Promise<void>((resolve) => held.push(resolve));
    }
    if (failed(config.refresh_mode, res, req)) {
      if (config.refresh_mode === "401") stats.refresh_401++;
      return;
    }
    const entry = typeof body.refresh === "string" ? refreshTokens.get(body.refresh) : undefined;
    if (!entry || entry.used) {
      stats.refresh_401++;
      send(res, 401, { detail: "token not valid" });
      return;
    }
    entry.used = true;
    stats.refresh_ok++;
    send(res, 200, issuePair(entry.username));
  } finally {
    stats.refresh_inflight--;
    bump();
  }
}

async function batch(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  stats.batch_requests++;
  const auth = req.headers.authorization ?? "";
  stats.authorizations.push(auth.replace(/^Bearer /, ""));
  bump();
  if (config.batch_hold > 0 && stats.batch_requests >= config.batch_hold) {
    stats.batch_held++;
    bump();
    await new Promise<void>((resolve) => held.push(resolve));
  }
  if (failed(config.batch_mode, res, req)) return;
  if (!auth.startsWith("Bearer ") || !accessTokens.has(auth.slice(7))) {
    stats.batch_401++;
    bump();
    send(res, 401, { detail: "invalid token" });
    return;
  }
  const events = Array.isArray(body.events) ? (body.events as Record<string, unknown>[]) : [];
  stats.batch_sizes.push(events.length);
  const results = events.map((event) => {
    const id = String(event.event_id);
    stats.received_event_ids.push(id);
    if (config.reject_ids.includes(id))
      return { event_id: id, status: "rejected", error_message: "schema_mismatch" };
    if (stored.has(id)) return { event_id: id, status: "duplicate" };
    stored.add(id);
    return { event_id: id, status: "success" };
  });
  bump();
  send(res, 200, { results });
}

async function control(path: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (path === "/control/stats") return send(res, 200, { ...stats, stored: stored.size });
  if (path === "/control/tokens") return send(res, 200, { issued });
  if (path === "/control/config") {
    config = { ...config, ...(await readBody(req)) } as Config;
    return send(res, 200, config);
  }
  if (path === "/control/release") {
    const all = held;
    held = [];
    for (const go of all) go();
    return send(res, 200, { released: all.length });
  }
  if (path === "/control/revoke-access") {
    accessTokens = new Set();
    return send(res, 200, {});
  }
  if (path === "/control/issue") {
    const body = await readBody(req);
    return send(res, 200, issuePair(String(body.username ?? "alice")));
  }
  if (path === "/control/reset") {
    for (const go of held) go();
    for (const r of hung) r.socket?.destroy();
    held = [];
    hung = [];
    config = defaults();
    stats = freshStats();
    refreshTokens = new Map();
    accessTokens = new Set();
    // `issued` survives resets: tests grep their whole output for every token ever handed out.
    stored.clear();
    return send(res, 200, {});
  }
  if (path === "/control/wait") {
    // Long poll: answers once stats[key] >= value (or after timeout_ms with ok:false).
    const key = url.searchParams.get("key") ?? "";
    const value = Number(url.searchParams.get("value") ?? "1");
    const timeoutMs = Number(url.searchParams.get("timeout_ms") ?? "15000");
    const ok = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push({
        key,
        value,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
      bump();
    });
    return send(res, 200, { ok, stats });
  }
  send(res, 404, { error: "unknown control endpoint" });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const route = `${req.method} ${url.pathname}`;
  const handle = async () => {
    if (url.pathname.startsWith("/control/")) return control(url.pathname, req, res, url);
    if (route === "POST /api/v1/token/") {
      const body = await readBody(req);
      stats.login_requests++;
      const username = String(body.username ?? "");
      if (config.users[username] === undefined || config.users[username] !== body.password) {
        return send(res, 401, { detail: "No active account found with the given credentials" });
      }
      return send(res, 200, issuePair(username));
    }
    if (route === "POST /api/v1/token/refresh/") return refresh(req, res);
    if (route === "POST /api/v1/events/batch/") return batch(req, res);
    send(res, 404, { error: "not found" });
  };
  handle().catch((error) => send(res, 500, { error: String(error) }));
});

// Tests stop the server in afterAll; if the test runner dies first, the server goes with it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`PORT ${port}\n`);
});
