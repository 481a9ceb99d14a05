/** `auth login|status|logout` through the compiled binary against the real test server. */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { homePaths } from "../../src/core/home.ts";
import { seedSession, useAuthServer } from "../support/auth-server.ts";
import { tempDir } from "../support/fs.ts";
import { type RunResult, runBin } from "../support/run.ts";

// Real processes on shared, busy machines: allow far more than bun's 5 s default per test.
setDefaultTimeout(120_000);

const PASSWORD = "wonderland";
const { server, outputs } = useAuthServer({ resetEachTest: true, secrets: [PASSWORD] });

async function cli(
  home: string,
  args: string[],
  extra: { stdin?: string; env?: Record<string, string> } = {},
) {
  const result: RunResult = await runBin(args, {
    cwd: dirname(home), // the home folder itself may not exist yet
    env: { SPEC_KITTY_HOME: home, SPEC_KITTY_SERVER_URL: server.url, ...extra.env },
    stdin: extra.stdin,
  });
  outputs.push(result.stdout, result.stderr);
  return result;
}

const login = (home: string, ...more: string[]) =>
  cli(home, ["auth", "login", "--username", "alice", "--password-stdin", ...more], {
    stdin: `${PASSWORD}\n`,
  });
const mode = (path: string) => statSync(path).mode & 0o777;

describe("auth login", () => {
  test("logs in, stores a 0600 file in a 0700 folder, prints no secret", async () => {
    const home = join(tempDir(), "home");
    const r = await login(home);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Logged in as alice on ${server.url}`);
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    expect(mode(paths.root)).toBe(0o700);
    expect(mode(paths.credentials)).toBe(0o600);
    const text = readFileSync(paths.credentials, "utf8");
    expect(text).toContain("[tokens]");
    expect(text).toContain(`url = "${server.url}"`);
  });

  test("with a live session: no prompt, no network, exit 0", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const r = await cli(home, ["auth", "login"]); // no TTY and no flags: would fail if it asked
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Already logged in as alice");
    expect((await server.stats()).login_requests).toBe(0);
  });

  test("wrong password: exit 1, existing credentials kept", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const before = readFileSync(homePaths({ SPEC_KITTY_HOME: home }).credentials, "utf8");
    const r = await cli(home, ["auth", "login", "-u", "alice", "--password-stdin", "--force"], {
      stdin: "nope",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("rejected the username or password");
    expect(readFileSync(homePaths({ SPEC_KITTY_HOME: home }).credentials, "utf8")).toBe(before);
  });

  test("a password can't be passed in argv, and nothing is prompted without a terminal", async () => {
    const home = tempDir();
    const flag = await cli(home, ["auth", "login", "--username", "alice", "--password", PASSWORD]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--password'");
    const noTty = await cli(home, ["auth", "login"]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain("--password-stdin");
    expect(existsSync(homePaths({ SPEC_KITTY_HOME: home }).credentials)).toBe(false);
  });

  test("https only, except loopback", async () => {
    const home = tempDir();
    const r = await cli(home, ["auth", "login", "-u", "alice", "--password-stdin", "--json"], {
      stdin: PASSWORD,
      env: { SPEC_KITTY_SERVER_URL: "http://sync.example.com" },
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error_code).toBe("INVALID_SERVER_URL");
    expect((await server.stats()).login_requests).toBe(0);
  });

  test("server from config.toml when the env var is absent", async () => {
    const home = tempDir();
    writeFileSync(join(home, "config.toml"), `[sync]\nserver_url = "${server.url}/"\n`);
    const r = await runBin(["auth", "login", "-u", "alice", "--password-stdin", "--json"], {
      cwd: home,
      env: { SPEC_KITTY_HOME: home },
      stdin: PASSWORD,
    });
    outputs.push(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "logged_in", server: server.url });
  });

  test("a corrupt credentials file is reported, kept, and replaced only with --force", async () => {
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    writeFileSync(paths.credentials, "[tokens]\naccess = \n");
    const plain = await login(home);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`${paths.credentials} line 2`);
    expect(plain.stderr).toContain("--force");
    expect(readFileSync(paths.credentials, "utf8")).toBe("[tokens]\naccess = \n");
    const status = await cli(home, ["auth", "status"]);
    expect(status.code).toBe(1); // corrupt is not "logged out"
    const forced = await login(home, "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(paths.credentials, "utf8")).toContain('[tokens]\naccess = "acc-');
  });
});

describe("auth status and logout", () => {
  test("status shows user, server, token validity, with no network", async () => {
    const home = tempDir();
    await seedSession(home, server, { accessExpired: true });
    const text = await cli(home, ["auth", "status"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Logged in as alice");
    expect(text.stdout).toContain(`Server:        ${server.url}`);
    expect(text.stdout).toMatch(/Access token: +expired/);
    expect(text.stdout).toMatch(/Refresh token: +valid, expires in 6d/);
    const json = JSON.parse((await cli(home, ["auth", "status", "--json"])).stdout);
    expect(json).toMatchObject({ authenticated: true, username: "alice", server: server.url });
    expect(json.access.valid).toBe(false);
    const stats = await server.stats();
    expect(stats.refresh_requests + stats.login_requests + stats.batch_requests).toBe(0);
  });

  test("status re-tightens loose permissions", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    chmodSync(paths.credentials, 0o644);
    chmodSync(paths.root, 0o755);
    expect((await cli(home, ["auth", "status"])).code).toBe(0);
    expect(mode(paths.credentials)).toBe(0o600);
    expect(mode(paths.root)).toBe(0o700);
  });

  test("credentials for another server: status says so, and sync keeps the session's server", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const other = { env: { SPEC_KITTY_SERVER_URL: "https://other.example.com" } };
    const status = await cli(home, ["auth", "status"], other);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain("the configured server is https://other.example.com");
    const json = JSON.parse((await cli(home, ["auth", "status", "--json"], other)).stdout);
    expect(json.server_mismatch).toBe(true);
    const sync = await cli(home, ["sync", "now", "--json"], other);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout).server).toBe(server.url);
  });

  test("not logged in: status exits 0 and says how to log in; logout has nothing to do", async () => {
    const home = tempDir();
    const status = await cli(home, ["auth", "status", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ authenticated: false, logged_in_file: false });
    const out = await cli(home, ["auth", "logout"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Not logged in");
  });

  test("logout removes the credentials, even expired or corrupt ones", async () => {
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    await seedSession(home, server);
    const r = await cli(home, ["auth", "logout"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Logged out alice");
    expect(existsSync(paths.credentials)).toBe(false);
    writeFileSync(paths.credentials, "garbage = [");
    expect((await cli(home, ["auth", "logout", "--json"])).code).toBe(0);
    expect(existsSync(paths.credentials)).toBe(false);
  });
});
