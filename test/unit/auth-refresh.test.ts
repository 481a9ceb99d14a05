/**
 * The refresh transaction (core) against the real test server running as a separate process.
 * Every error text and result produced here is collected and checked for tokens at the end.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { readCredentials, writeCredentials } from "../../src/core/auth/credentials.ts";
import { obtainSession } from "../../src/core/auth/session.ts";
import { SpecKittyError } from "../../src/core/errors.ts";
import { withLock } from "../../src/core/fs/lock.ts";
import { homePaths } from "../../src/core/home.ts";
import { probeLock, seedSession, useAuthServer } from "../support/auth-server.ts";
import { tempDir } from "../support/fs.ts";

// Real processes on shared, busy machines: allow far more than bun's 5 s default per test.
setDefaultTimeout(60_000);

// No token the server ever issued may appear in any error or result text of this file.
const { server, outputs } = useAuthServer({ resetEachTest: true, minTokens: 10 });

function env(home: string) {
  return { SPEC_KITTY_HOME: home, HOME: "/nonexistent" };
}

/** A session with an expired access token whose refresh POST the server is holding open right now. */
async function refreshHeldAtServer() {
  const home = tempDir();
  const paths = homePaths(env(home));
  await seedSession(home, server, { accessExpired: true });
  await server.configure({ refresh_hold: true });
  const pending = obtainSession(env(home));
  await server.waitFor("refresh_held", 1);
  return { home, paths, pending };
}

async function failure(promise: Promise<unknown>): Promise<SpecKittyError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof SpecKittyError)) throw error;
    outputs.push(`${error.code} ${error.message} ${error.fix} ${JSON.stringify(error.details ?? {})}`);
    return error;
  }
  throw new Error("expected a failure");
}

describe("refresh transaction", () => {
  test("an expired access token is refreshed once, rotated tokens are persisted", async () => {
    const home = tempDir();
    const first = await seedSession(home, server, { accessExpired: true });
    const session = await obtainSession(env(home));
    outputs.push(JSON.stringify({ refreshes: session.refreshes, server: session.server }));
    expect(session.refreshes).toBe(1);
    const onDisk = readCredentials(homePaths(env(home)));
    expect(onDisk?.tokens.refresh).not.toBe(first.refresh);
    expect(onDisk?.tokens.access).toBe(session.access);
    expect((await server.stats()).refresh_ok).toBe(1);
  });

  test("a valid access token is returned without any network call", async () => {
    const home = tempDir();
    const pair = await seedSession(home, server);
    const session = await obtainSession(env(home));
    expect(session.access).toBe(pair.access);
    expect(session.refreshes).toBe(0);
    expect((await server.stats()).refresh_requests).toBe(0);
  });

  test("a token the server just rejected is refreshed even if its clock says valid", async () => {
    const home = tempDir();
    const pair = await seedSession(home, server);
    const session = await obtainSession(env(home), { rejected: pair.access });
    expect(session.refreshes).toBe(1);
    expect(session.access).not.toBe(pair.access);
  });

  test("concurrent callers in one process: one network refresh, both get the same token", async () => {
    const home = tempDir();
    await seedSession(home, server, { accessExpired: true });
    await server.configure({ refresh_delay_ms: 150 });
    const [a, b] = await Promise.all([obtainSession(env(home)), obtainSession(env(home))]);
    expect(a.access).toBe(b.access);
    expect(a.refreshes + b.refreshes).toBe(1);
    const stats = await server.stats();
    expect(stats.refresh_requests).toBe(1);
    expect(stats.refresh_max_inflight).toBe(1);
  });

  test("the lock is held across the network call: no other acquirer gets it during the POST", async () => {
    const { paths, pending } = await refreshHeldAtServer();
    // Another caller in this process, and another process, both fail to take it while the POST is open.
    const sameProcess = await failure(withLock(paths.credentialsLock, () => "got it", { timeoutMs: 300 }));
    expect(sameProcess.code).toBe("LOCK_TIMEOUT");
    expect(await probeLock(paths.credentialsLock, 300)).toBe("TIMEOUT");
    await server.release();
    const session = await pending;
    expect(session.refreshes).toBe(1);
    expect(await probeLock(paths.credentialsLock, 2_000)).toBe("ACQUIRED");
  });

  test("stale 401: tokens rotated on disk meanwhile are kept and used, nobody is logged out", async () => {
    const { home, paths, pending } = await refreshHeldAtServer();
    // A writer that ignores the lock (e.g. an old client) rotates the session while our POST is open.
    const rotated = await seedSession(home, server);
    const rotatedBytes = readFileSync(paths.credentials, "utf8");
    await server.configure({ refresh_hold: false, refresh_mode: "401" });
    await server.release();
    const session = await pending;
    expect(session.stale401s).toBe(1);
    expect(session.access).toBe(rotated.access);
    expect(readFileSync(paths.credentials, "utf8")).toBe(rotatedBytes);
    expect((await server.stats()).refresh_401).toBe(1);
  });

  test("real 401 (refresh token already spent, file unchanged) clears the credentials", async () => {
    const home = tempDir();
    const paths = homePaths(env(home));
    const pair = await seedSession(home, server, { accessExpired: true });
    // Spend the token elsewhere so the server's rotation rejects its reuse.
    await fetch(`${server.url}/api/v1/token/refresh/`, {
      method: "POST",
      body: JSON.stringify({ refresh: pair.refresh }),
    });
    const error = await failure(obtainSession(env(home)));
    expect(error.code).toBe("SESSION_EXPIRED");
    expect(error.fix).toContain("spec-kitty auth login");
    expect(existsSync(paths.credentials)).toBe(false);
  });

  for (const [mode, code] of [
    ["500", "SERVER_ERROR"],
    ["close", "SERVER_UNREACHABLE"],
  ] as const) {
    test(`refresh answered by ${mode} keeps the credentials byte for byte`, async () => {
      const home = tempDir();
      const paths = homePaths(env(home));
      await seedSession(home, server, { accessExpired: true });
      const before = readFileSync(paths.credentials, "utf8");
      await server.configure({ refresh_mode: mode });
      const error = await failure(obtainSession(env(home)));
      expect(error.code).toBe(code);
      expect(readFileSync(paths.credentials, "utf8")).toBe(before);
    });
  }

  test("connection refused keeps the credentials", async () => {
    const home = tempDir();
    const paths = homePaths(env(home));
    const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const deadPort = listener.port;
    listener.stop(true);
    await seedSession(home, server, { accessExpired: true, serverUrl: `http://127.0.0.1:${deadPort}` });
    const before = readFileSync(paths.credentials, "utf8");
    const error = await failure(obtainSession(env(home)));
    expect(error.code).toBe("SERVER_UNREACHABLE");
    expect(readFileSync(paths.credentials, "utf8")).toBe(before);
  });

  test("a hung server times out after 8 s and keeps the credentials", async () => {
    const home = tempDir();
    const paths = homePaths(env(home));
    await seedSession(home, server, { accessExpired: true });
    const before = readFileSync(paths.credentials, "utf8");
    await server.configure({ refresh_mode: "hang" });
    const error = await failure(obtainSession(env(home)));
    expect(error.code).toBe("SERVER_TIMEOUT");
    expect(error.message).toContain("8s");
    expect(readFileSync(paths.credentials, "utf8")).toBe(before);
  }, 20_000);

  test("the refresh goes to the session's server; env and config cannot redirect it", async () => {
    const home = tempDir();
    const paths = homePaths(env(home));
    await seedSession(home, server, { accessExpired: true });
    writeFileSync(paths.config, '[sync]\nserver_url = "https://elsewhere.example.com"\n');
    const redirected = { ...env(home), SPEC_KITTY_SERVER_URL: "http://127.0.0.1:9" };
    const session = await obtainSession(redirected);
    expect(session.server).toBe(server.url);
    expect((await server.stats()).refresh_ok).toBe(1);
  });

  test("a session stored for a plain-http remote server is refused before any token is sent", async () => {
    const home = tempDir();
    const paths = homePaths(env(home));
    await seedSession(home, server, { accessExpired: true });
    const creds = readCredentials(paths);
    if (!creds) throw new Error("seeded credentials missing");
    writeCredentials(paths, { ...creds, server: { url: "http://sync.example.com" } });
    const error = await failure(obtainSession(env(home)));
    expect(error.code).toBe("INVALID_SERVER_URL");
    expect(existsSync(paths.credentials)).toBe(true);
    expect((await server.stats()).refresh_requests).toBe(0);
  });

  test("not logged in and corrupt files are distinct, clear errors", async () => {
    const home = tempDir();
    expect((await failure(obtainSession(env(home)))).code).toBe("NOT_LOGGED_IN");
    writeFileSync(homePaths(env(home)).credentials, "[tokens\n");
    const corrupt = await failure(obtainSession(env(home)));
    expect(corrupt.code).toBe("INVALID_FILE");
    expect(readFileSync(homePaths(env(home)).credentials, "utf8")).toBe("[tokens\n");
  });
});
