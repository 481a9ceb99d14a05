/**
 * Auth bench: the refresh transaction against the local test server (in process, so only the
 * transaction is timed, not process start-up), the cost the credentials lock adds over a bare HTTP
 * request (budget ≤ 5 ms), and `auth status` / `sync now` as compiled-binary commands
 * (`auth status` budget ≤ 1.5 × the floor).
 */
import { credentialsFrom, isoUtc, writeCredentials } from "../src/core/auth/credentials.ts";
import { obtainSession } from "../src/core/auth/session.ts";
import { withLock } from "../src/core/fs/lock.ts";
import { homePaths } from "../src/core/home.ts";
import { seedSession, startAuthServer } from "../test/support/auth-server.ts";
import { BIN, benchTemp, measure, type Sample } from "./lib.ts";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timeAsync(
  runs: number,
  setup: () => Promise<void>,
  fn: () => Promise<unknown>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    await setup();
    const started = performance.now();
    await fn();
    if (i >= 3) times.push(performance.now() - started); // first runs warm up fetch and the JIT
  }
  return median(times);
}

export async function benchAuth(floor: Sample): Promise<Sample[]> {
  const server = await startAuthServer();
  try {
    const runs = 31;
    const home = benchTemp("sk-bench-auth-");
    const env = { SPEC_KITTY_HOME: home };
    const paths = homePaths(env);

    // A bare refresh request, and the same request inside the credentials lock: their difference is
    // what the lock adds to every refresh (the budgeted figure).
    let token = "";
    const nextToken = async () => {
      token = (await server.issue()).refresh;
    };
    const post = () =>
      fetch(`${server.url}/api/v1/token/refresh/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ refresh: token }),
      }).then((r) => r.text());
    const bare = await timeAsync(runs, nextToken, post);
    const locked = await timeAsync(runs, nextToken, () => withLock(paths.credentialsLock, post));

    // The full transaction: lock, read TOML, POST, write TOML atomically, unlock.
    const refresh = await timeAsync(
      runs,
      async () => {
        await seedSession(home, server, { accessExpired: true });
      },
      () => obtainSession(env),
    );

    // CLI commands: a logged-in home whose access token stays valid (no network in either).
    const pair = await server.issue();
    const creds = credentialsFrom(pair, { username: "alice" }, server.url, Date.now());
    creds.tokens.access_expires_at = isoUtc(new Date(Date.now() + 3_600_000));
    writeCredentials(paths, creds);
    const status = measure("auth status", [BIN, "auth", "status"], { cwd: home, env });
    status.note = `budget ≤ 1.5× floor: ${status.medianMs / floor.medianMs <= 1.5 ? "OK" : "OVER"}`;
    const syncNow = measure("sync now (valid token, empty queue)", [BIN, "sync", "now"], { cwd: home, env });

    const lockCost = locked - bare;
    const inProcess = (name: string, ms: number, note?: string): Sample => ({
      name,
      medianMs: ms,
      peakRssMb: Number.NaN,
      note,
    });
    return [
      inProcess("bare POST /api/v1/token/refresh/ (in process)", bare),
      inProcess(
        "same POST inside the credentials lock",
        locked,
        `lock adds ${lockCost.toFixed(2)} ms; budget ≤ 5 ms: ${lockCost <= 5 ? "OK" : "OVER"}`,
      ),
      inProcess(
        "full refresh transaction (lock, read, POST, atomic write)",
        refresh,
        `+${(refresh - bare).toFixed(2)} ms over the bare request (mostly the fsync'd write)`,
      ),
      status,
      syncNow,
    ];
  } finally {
    server.stop();
  }
}
