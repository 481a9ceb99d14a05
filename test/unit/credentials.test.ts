import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  credentialsFrom,
  expiryMs,
  isoUtc,
  isUnexpired,
  readCredentials,
  writeCredentials,
} from "../../src/core/auth/credentials.ts";
import { checkServerUrl, configuredServer, isLoopbackHost } from "../../src/core/auth/server.ts";
import { SpecKittyError } from "../../src/core/errors.ts";
import { homeDir, homePaths } from "../../src/core/home.ts";
import { tempDir } from "../support/fs.ts";

const SECRET_ACCESS = "acc-secret-0123456789";
const SECRET_REFRESH = "ref-secret-9876543210";

function sample(server = "https://sync.example.com") {
  return credentialsFrom(
    { access: SECRET_ACCESS, refresh: SECRET_REFRESH, team_slug: "acme" },
    { username: "alice" },
    server,
    Date.now(),
  );
}

const mode = (path: string) => statSync(path).mode & 0o777;

function caught(fn: () => unknown): SpecKittyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecKittyError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("user folder", () => {
  test("SPEC_KITTY_HOME wins over HOME", () => {
    expect(homeDir({ SPEC_KITTY_HOME: "/x/y", HOME: "/h" })).toBe("/x/y");
    expect(homeDir({ HOME: "/h" })).toBe("/h/.spec-kitty");
    expect(caught(() => homeDir({})).code).toBe("NO_HOME");
  });
});

describe("credentials file", () => {
  test("written as TOML with the upstream keys, file 0600 in a 0700 folder", () => {
    const paths = homePaths({ SPEC_KITTY_HOME: join(tempDir(), "home") });
    writeCredentials(paths, sample());
    expect(mode(paths.root)).toBe(0o700);
    expect(mode(paths.credentials)).toBe(0o600);
    const text = readFileSync(paths.credentials, "utf8");
    for (const key of [
      "[tokens]",
      "[user]",
      "[server]",
      "access_expires_at",
      "refresh_expires_at",
      "team_slug",
    ]) {
      expect(text).toContain(key);
    }
    const back = readCredentials(paths);
    expect(back?.tokens.refresh).toBe(SECRET_REFRESH);
    expect(back?.user).toEqual({ username: "alice", team_slug: "acme" });
    expect(back?.server.url).toBe("https://sync.example.com");
  });

  test("a file or folder found readable by others is tightened back on read", () => {
    const paths = homePaths({ SPEC_KITTY_HOME: join(tempDir(), "home") });
    writeCredentials(paths, sample());
    chmodSync(paths.credentials, 0o644);
    chmodSync(paths.root, 0o755);
    readCredentials(paths);
    expect(mode(paths.credentials)).toBe(0o600);
    expect(mode(paths.root)).toBe(0o700);
  });

  test("an existing loose folder is tightened when credentials are written", () => {
    const root = join(tempDir(), "home");
    mkdirSync(root, { mode: 0o755 });
    chmodSync(root, 0o755);
    const paths = homePaths({ SPEC_KITTY_HOME: root });
    writeCredentials(paths, sample());
    expect(mode(root)).toBe(0o700);
  });

  test("no file reads as logged out", () => {
    expect(readCredentials(homePaths({ SPEC_KITTY_HOME: tempDir() }))).toBeNull();
  });

  test("corrupt TOML is an error naming the file and line, without echoing its contents", () => {
    const paths = homePaths({ SPEC_KITTY_HOME: tempDir() });
    writeFileSync(paths.credentials, `[tokens]\naccess = "${SECRET_ACCESS}"\nrefresh = ${SECRET_REFRESH}\n`);
    const error = caught(() => readCredentials(paths));
    expect(error.code).toBe("INVALID_FILE");
    expect(error.message).toContain(paths.credentials);
    expect(error.details?.line).toBe(3);
    expect(error.fix).toContain("auth login --force");
    expect(JSON.stringify({ m: error.message, f: error.fix, d: error.details })).not.toContain("secret");
    // Reporting never rewrites the file.
    expect(readFileSync(paths.credentials, "utf8")).toContain(SECRET_REFRESH);
  });

  test("valid TOML missing the token keys is reported by key path, values never shown", () => {
    const paths = homePaths({ SPEC_KITTY_HOME: tempDir() });
    writeFileSync(paths.credentials, `[tokens]\naccess = "${SECRET_ACCESS}"\n[user]\nusername = "a"\n`);
    const error = caught(() => readCredentials(paths));
    expect(error.message).toContain("tokens.refresh");
    expect(error.message).toContain("server");
    expect(error.message).not.toContain("secret");
  });
});

describe("expiry stamps", () => {
  test("Python isoformat round-trips; Z and naive stamps are UTC; garbage is expired", () => {
    const when = new Date("2030-01-02T03:04:05.678Z");
    expect(isoUtc(when)).toBe("2030-01-02T03:04:05.678000+00:00");
    expect(expiryMs(isoUtc(when))).toBe(when.getTime());
    expect(expiryMs("2030-01-02T03:04:05Z")).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(expiryMs("2030-01-02T03:04:05")).toBe(Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(isUnexpired("not a date", 0)).toBe(false);
    expect(isUnexpired(undefined, 0)).toBe(false);
    expect(isUnexpired("2099-01-01T00:00:00", Date.now())).toBe(true);
  });

  test("lifetimes: first positive integer wins, 0 and junk fall back to the defaults", () => {
    const now = Date.UTC(2030, 0, 1);
    const c = credentialsFrom(
      { access: "a", refresh: "r", access_lifetime: 0, expires_in: "60", refresh_lifetime: "x" },
      { username: "u" },
      "https://s",
      now,
    );
    expect(expiryMs(c.tokens.access_expires_at)).toBe(now + 60_000);
    expect(expiryMs(c.tokens.refresh_expires_at)).toBe(now + 604_800_000);
  });

  test("team_slug from the server wins, otherwise the stored one is kept", () => {
    const keep = credentialsFrom(
      { access: "a", refresh: "r" },
      { username: "u", team_slug: "old" },
      "https://s",
      0,
    );
    expect(keep.user.team_slug).toBe("old");
    const fresh = credentialsFrom(
      { access: "a", refresh: "r", team_slug: "new" },
      { username: "u" },
      "https://s",
      0,
    );
    expect(fresh.user.team_slug).toBe("new");
  });
});

describe("server URL", () => {
  test("https is accepted and normalised; http only for loopback", () => {
    expect(checkServerUrl("https://sync.example.com/", "x")).toBe("https://sync.example.com");
    expect(checkServerUrl("http://127.0.0.1:8080", "x")).toBe("http://127.0.0.1:8080");
    expect(checkServerUrl("http://localhost:1/", "x")).toBe("http://localhost:1");
    expect(checkServerUrl("http://[::1]:9", "x")).toBe("http://[::1]:9");
    for (const bad of [
      "http://sync.example.com",
      "ftp://x",
      "not a url",
      "https://u:p@host",
      "http://127.evil.com",
    ]) {
      expect(caught(() => checkServerUrl(bad, "x")).code).toBe("INVALID_SERVER_URL");
    }
    expect(isLoopbackHost("127.1.2.3")).toBe(true);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
  });

  test("a password or token in the URL is never echoed in the error (failed before: it was)", () => {
    for (const bad of [
      "https://alice:hunter2secret@sync.example.com",
      "http://alice:hunter2secret@evil.example.com/",
      "https://alice:hunter2 secret@sync example.com",
      "https://sync.example.com/?token=hunter2secret",
      "https://sync.example.com/#hunter2secret",
    ]) {
      const error = caught(() => checkServerUrl(bad, "SPEC_KITTY_SERVER_URL"));
      expect(error.code).toBe("INVALID_SERVER_URL");
      expect(`${error.message} ${error.fix}`).not.toContain("hunter2");
    }
  });

  test("SPEC_KITTY_SERVER_URL overrides config.toml, which overrides the default", () => {
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    expect(configuredServer({ SPEC_KITTY_HOME: home }, paths).source).toBe("default");
    writeFileSync(paths.config, '[sync]\nserver_url = "https://config.example.com/"\n');
    expect(configuredServer({ SPEC_KITTY_HOME: home }, paths)).toEqual({
      url: "https://config.example.com",
      source: "config",
    });
    const env = { SPEC_KITTY_HOME: home, SPEC_KITTY_SERVER_URL: "https://env.example.com" };
    expect(configuredServer(env, paths)).toEqual({ url: "https://env.example.com", source: "env" });
    expect(
      caught(() => configuredServer({ ...env, SPEC_KITTY_SERVER_URL: "http://evil.example.com" }, paths))
        .code,
    ).toBe("INVALID_SERVER_URL");
  });

  test("a config.toml that is not TOML names the file and line", () => {
    const home = tempDir();
    const paths = homePaths({ SPEC_KITTY_HOME: home });
    writeFileSync(paths.config, "[sync]\nserver_url = \n");
    const error = caught(() => configuredServer({ SPEC_KITTY_HOME: home }, paths));
    expect(error.message).toContain("config.toml");
    expect(error.details?.line).toBe(2);
  });
});
