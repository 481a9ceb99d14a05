/** Starts test/support/server.ts as a separate process and drives its control endpoints. */
import { afterAll, beforeAll, beforeEach, expect } from "bun:test";
import { join } from "node:path";
import {
  credentialsFrom,
  isoUtc,
  type TokenResponse,
  writeCredentials,
} from "../../src/core/auth/credentials.ts";
import { homePaths } from "../../src/core/home.ts";

/** Counters kept by test/support/server.ts (see freshStats there). */
export interface ServerStats {
  login_requests: number;
  refresh_requests: number;
  refresh_ok: number;
  refresh_401: number;
  refresh_inflight: number;
  refresh_max_inflight: number;
  refresh_held: number;
  barrier_released_full: number;
  barrier_released_timeout: number;
  batch_requests: number;
  batch_401: number;
  batch_held: number;
  stored: number;
  batch_sizes: number[];
  received_event_ids: string[];
  authorizations: string[];
}

export interface AuthServer {
  url: string;
  port: number;
  configure(values: Record<string, unknown>): Promise<void>;
  release(): Promise<number>;
  reset(): Promise<void>;
  revokeAccess(): Promise<void>;
  stats(): Promise<ServerStats>;
  /** Resolves once stats[key] >= value; throws if that does not happen within timeoutMs. */
  waitFor(key: string, value: number, timeoutMs?: number): Promise<void>;
  /** Every token the server ever issued, for "no token in any output" checks. */
  tokens(): Promise<string[]>;
  issue(username?: string): Promise<TokenResponse>;
  stop(): void;
}

export async function startAuthServer(): Promise<AuthServer> {
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, "server.ts")], {
    stdout: "pipe",
    stderr: "inherit",
    env: { PATH: process.env.PATH ?? "" },
  });
  const reader = proc.stdout.getReader();
  let text = "";
  while (!/PORT \d+\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`test server exited before announcing its port: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const port = Number(/PORT (\d+)/.exec(text)?.[1]);
  const url = `http://127.0.0.1:${port}`;
  const call = async (path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  };
  return {
    url,
    port,
    configure: async (values) => void (await call("/control/config", values)),
    release: async () => ((await call("/control/release", {})) as { released: number }).released,
    reset: async () => void (await call("/control/reset", {})),
    revokeAccess: async () => void (await call("/control/revoke-access", {})),
    stats: async () => (await call("/control/stats")) as ServerStats,
    waitFor: async (key, value, timeoutMs = 45_000) => {
      const r = (await call(`/control/wait?key=${key}&value=${value}&timeout_ms=${timeoutMs}`)) as {
        ok: boolean;
      };
      if (!r.ok) throw new Error(`test server: ${key} did not reach ${value} within ${timeoutMs}ms`);
    },
    tokens: async () => ((await call("/control/tokens")) as { issued: string[] }).issued,
    issue: async (username = "alice") => (await call("/control/issue", { username })) as TokenResponse,
    stop: () => proc.kill(),
  };
}

export interface AuthServerOptions {
  /** Reset the server's counters and settings before every test. */
  resetEachTest?: boolean;
  /** The file must have made the server issue more tokens than this (so the leak check checked something). */
  minTokens?: number;
  /** Further texts no output may contain (e.g. a password the tests type). */
  secrets?: string[];
}

/**
 * The set-up every auth/sync test file shares, registered at its top level: one server process for the
 * file and, after the last test, the check that no token the server issued (nor any of `secrets`)
 * appears in any text the tests pushed onto `outputs`. `server` can be captured at load time; it
 * forwards to the process `beforeAll` starts.
 */
export function useAuthServer(options: AuthServerOptions = {}): { server: AuthServer; outputs: string[] } {
  let started: AuthServer | undefined;
  const outputs: string[] = [];
  const current = (): AuthServer => {
    if (!started) throw new Error("useAuthServer: the server is used before beforeAll started it");
    return started;
  };
  // Every AuthServer member is a closure or a plain value, so forwarding property reads is enough.
  const server = new Proxy({} as AuthServer, { get: (_, key) => Reflect.get(current(), key) });
  beforeAll(async () => {
    started = await startAuthServer();
  });
  afterAll(async () => {
    try {
      const tokens = await current().tokens();
      if (options.minTokens !== undefined) expect(tokens.length).toBeGreaterThan(options.minTokens);
      const all = outputs.join("\n");
      for (const secret of [...tokens, ...(options.secrets ?? [])]) expect(all).not.toContain(secret);
    } finally {
      started?.stop();
    }
  });
  if (options.resetEachTest) beforeEach(() => current().reset());
  return { server, outputs };
}

/**
 * Writes a real session for `server` into `home` (tokens issued by the server itself). With
 * `accessExpired` the access token is stale on disk, so the next command must refresh.
 */
export async function seedSession(
  home: string,
  server: AuthServer,
  options: { accessExpired?: boolean; serverUrl?: string; username?: string } = {},
): Promise<TokenResponse> {
  const pair = await server.issue(options.username ?? "alice");
  const creds = credentialsFrom(
    pair,
    { username: options.username ?? "alice" },
    options.serverUrl ?? server.url,
    Date.now(),
  );
  if (options.accessExpired) creds.tokens.access_expires_at = isoUtc(new Date(Date.now() - 60_000));
  writeCredentials(homePaths({ SPEC_KITTY_HOME: home }), creds);
  return pair;
}

const PROBE = join(import.meta.dir, "auth-lock-probe.ts");

/** Another process tries to take `lockPath` for up to `ms`: "ACQUIRED" or "TIMEOUT". */
export async function probeLock(lockPath: string, ms: number): Promise<string> {
  const proc = Bun.spawn([process.execPath, PROBE, "try", lockPath, String(ms)], { stdout: "pipe" });
  const out = await new Response(proc.stdout).text();
  await proc.exited;
  return out.trim();
}

/** Another process holds `lockPath` for `ms`; resolves once it holds it. */
export async function holdLock(lockPath: string, ms: number): Promise<{ stop: () => Promise<number> }> {
  const proc = Bun.spawn([process.execPath, PROBE, "hold", lockPath, String(ms)], { stdout: "pipe" });
  const reader = proc.stdout.getReader();
  let text = "";
  while (!text.includes("LOCKED")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("lock holder exited before taking the lock");
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return {
    stop: () => {
      proc.kill();
      return proc.exited;
    },
  };
}
