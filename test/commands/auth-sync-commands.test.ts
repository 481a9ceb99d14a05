/** auth and sync commands in process: help, flags, JSON shapes (the server is still a real process). */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { seedSession, useAuthServer } from "../support/auth-server.ts";
import { tempDir } from "../support/fs.ts";
import { runInProcess } from "../support/run.ts";

setDefaultTimeout(60_000);

const { server, outputs } = useAuthServer();

async function run(home: string, args: string[], stdin?: string) {
  const r = await runInProcess(args, {
    cwd: home,
    env: { SPEC_KITTY_HOME: home, SPEC_KITTY_SERVER_URL: server.url },
    stdin,
  });
  outputs.push(r.stdout, r.stderr);
  return r;
}

describe("auth and sync commands", () => {
  test("help lists the subcommands and explains the password rules", async () => {
    const home = tempDir();
    const auth = await run(home, ["auth", "--help"]);
    for (const name of ["login", "status", "logout"]) expect(auth.stdout).toContain(name);
    const login = await run(home, ["auth", "login", "--help"]);
    expect(login.stdout).toContain("--password-stdin");
    expect(login.stdout).toContain("no --password flag");
    const sync = await run(home, ["sync", "--help"]);
    for (const name of ["now", "status"]) expect(sync.stdout).toContain(name);
  });

  test("login --json, then status --json and logout --json are single documents", async () => {
    const home = tempDir();
    const login = await run(
      home,
      ["auth", "login", "-u", "alice", "--password-stdin", "--json"],
      "wonderland",
    );
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toEqual({
      status: "logged_in",
      username: "alice",
      server: server.url,
      team_slug: null,
    });
    const status = JSON.parse((await run(home, ["auth", "status", "--json"])).stdout);
    expect(status).toMatchObject({ authenticated: true, username: "alice", server_mismatch: false });
    expect(Object.keys(status)).not.toContain("tokens");
    const logout = await run(home, ["auth", "logout", "--json"]);
    expect(JSON.parse(logout.stdout)).toEqual({ removed: true, username: "alice" });
  });

  test("--password-stdin without --username is a usage error", async () => {
    const r = await run(tempDir(), ["auth", "login", "--password-stdin"], "x");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--password-stdin needs --username");
  });

  test("already logged in elsewhere: login keeps the session and says how to switch", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const r = await runInProcess(["auth", "login"], {
      cwd: home,
      env: { SPEC_KITTY_HOME: home, SPEC_KITTY_SERVER_URL: "https://new.example.com" },
    });
    outputs.push(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Already logged in as alice on ${server.url}`);
    expect(r.stderr).toContain("the configured server is now https://new.example.com; use --force");
  });

  test("sync status --json shape", async () => {
    const home = tempDir();
    await seedSession(home, server);
    const r = await run(home, ["sync", "status", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      queued: 0,
      retrying: 0,
      last_sync_at: null,
      server: server.url,
      authenticated: true,
      username: "alice",
    });
  });
});
