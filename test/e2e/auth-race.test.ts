/**
 * The release-gating race (issue #554 upstream), with real processes: N compiled `spec-kitty sync now`
 * processes start together with an expired access token against the real test server. The server's
 * barrier would hold up to N refresh requests together; the credentials lock must make sure only one
 * ever arrives. Every output is collected and checked for tokens at the end.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { readCredentials } from "../../src/core/auth/credentials.ts";
import { homePaths } from "../../src/core/home.ts";
import { holdLock, seedSession, useAuthServer } from "../support/auth-server.ts";
import { tempDir } from "../support/fs.ts";
import { type RunResult, runBin } from "../support/run.ts";

// Real processes on shared, busy machines: allow far more than bun's 5 s default per test.
setDefaultTimeout(120_000);

const { server, outputs } = useAuthServer({ minTokens: 100 });

async function cli(home: string, args: string[]): Promise<RunResult> {
  const result = await runBin(args, { cwd: home, env: { SPEC_KITTY_HOME: home } });
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** One round: `procs` processes race to refresh one expired session. */
async function raceRound(procs: number): Promise<void> {
  await server.reset();
  const home = tempDir();
  await seedSession(home, server, { accessExpired: true });
  // The barrier waits for all N refreshes; only its timeout can release a lone request.
  await server.configure({ refresh_barrier: procs, barrier_timeout_ms: procs > 2 ? 400 : 150 });
  const results = await Promise.all(
    Array.from({ length: procs }, () => cli(home, ["sync", "now", "--json"])),
  );
  for (const r of results) {
    if (r.code !== 0) throw new Error(`sync now failed: ${r.stderr}`);
  }
  const stats = await server.stats();
  // Exactly one network refresh; none reached the server together; nobody was logged out.
  expect(stats.refresh_requests).toBe(1);
  expect(stats.refresh_ok).toBe(1);
  expect(stats.refresh_401).toBe(0);
  expect(stats.refresh_max_inflight).toBe(1);
  expect(stats.barrier_released_full).toBe(0);
  const reports = results.map((r) => JSON.parse(r.stdout) as { refreshes: number });
  expect(reports.reduce((sum, r) => sum + r.refreshes, 0)).toBe(1);
  // The file holds the newest rotated pair (the last refresh token the server issued).
  const issued = await server.tokens();
  const creds = readCredentials(homePaths({ SPEC_KITTY_HOME: home }));
  expect(creds?.tokens.refresh).toBe(issued.filter((t) => t.startsWith("ref-")).at(-1) as string);
  expect(creds?.tokens.access).toBe(issued.filter((t) => t.startsWith("acc-")).at(-1) as string);
}

describe("concurrent refresh across processes", () => {
  // 50 rounds of 2, then 5 rounds of 8 and 3 of 16: the matrix at a test-suite-friendly cost.
  test("2 processes × 50 rounds: one refresh, still logged in, newest tokens on disk", async () => {
    for (let round = 0; round < 50; round++) await raceRound(2);
  }, 400_000); // generous: each round spawns real processes, and shared CI machines are slow

  test("8 processes × 5 rounds", async () => {
    for (let round = 0; round < 5; round++) await raceRound(8);
  }, 200_000);

  test("16 processes × 3 rounds", async () => {
    for (let round = 0; round < 3; round++) await raceRound(16);
  }, 200_000);
});

describe("refresh outcomes through the CLI", () => {
  test("stale 401 from a lock-ignoring writer: the CLI keeps and uses the rotated session", async () => {
    await server.reset();
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    await seedSession(home, server, { accessExpired: true });
    await server.configure({ refresh_hold: true });
    const pending = cli(home, ["sync", "now", "--json"]);
    await server.waitFor("refresh_held", 1);
    const rotated = await seedSession(home, server); // written behind the lock's back
    const bytes = readFileSync(paths.credentials, "utf8");
    await server.configure({ refresh_hold: false, refresh_mode: "401" });
    await server.release();
    const result = await pending;
    expect(result.code).toBe(0);
    expect(readFileSync(paths.credentials, "utf8")).toBe(bytes);
    expect(readCredentials(paths)?.tokens.access).toBe(rotated.access);
    expect((await server.stats()).authorizations).toEqual([]); // nothing queued, so no batch call
  });

  test("real 401: logged out with a clear message", async () => {
    await server.reset();
    const home = tempDir();
    await seedSession(home, server, { accessExpired: true });
    await server.configure({ refresh_mode: "401" });
    const result = await cli(home, ["sync", "now"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("session has expired");
    expect(result.stderr).toContain("spec-kitty auth login");
    const status = await cli(home, ["auth", "status", "--json"]);
    expect(JSON.parse(status.stdout).logged_in_file).toBe(false);
  });

  for (const mode of ["500", "close"]) {
    test(`server ${mode}: exit 1, credentials untouched`, async () => {
      await server.reset();
      const home = tempDir();
      await seedSession(home, server, { accessExpired: true });
      const before = readFileSync(homePaths({ SPEC_KITTY_HOME: home }).credentials, "utf8");
      await server.configure({ refresh_mode: mode });
      const result = await cli(home, ["sync", "now", "--json"]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).error_code).toBe(
        mode === "500" ? "SERVER_ERROR" : "SERVER_UNREACHABLE",
      );
      expect(readFileSync(homePaths({ SPEC_KITTY_HOME: home }).credentials, "utf8")).toBe(before);
    });
  }

  test("a lock held too long is reported clearly and changes nothing", async () => {
    await server.reset();
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    await seedSession(home, server, { accessExpired: true });
    const before = readFileSync(paths.credentials, "utf8");
    const holder = await holdLock(paths.credentialsLock, 60_000); // far beyond the CLI's 10 s wait
    try {
      const result = await cli(home, ["sync", "now"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("credentials lock for more than 10s");
      expect(result.stderr).toContain(paths.credentialsLock);
      expect(readFileSync(paths.credentials, "utf8")).toBe(before);
      expect((await server.stats()).refresh_requests).toBe(0);
    } finally {
      await holder.stop();
    }
  }, 60_000);
});
