import { existsSync } from "node:fs";
import { SchemaErrors } from "../../schema/runtime.ts";
import { type UserConfigFile, userConfigFile } from "../../schema/user-config.ts";
import { InvalidFileError, SpecKittyError } from "../errors.ts";
import { parseToml, readTextFile } from "../fs/text.ts";
import type { Env, HomePaths } from "../home.ts";

/** The original's default server, used when neither the config file nor the environment names one. */
export const DEFAULT_SERVER_URL = "https://spec-kitty-dev.fly.dev";

export interface ServerChoice {
  url: string;
  source: "env" | "config" | "default";
}

/** Loopback hosts may use plain http (local servers, tests); nothing else may. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a server URL and returns it without a trailing slash. https only, except loopback hosts:
 * tokens and passwords must never cross a network in clear text.
 */
/**
 * `raw` for messages with anything secret blanked: the user-info part (`user:password@`), the query
 * and the fragment, which can carry tokens. Errors must never echo a password.
 */
export function redactUrl(raw: string): string {
  return raw
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@")
    .replace(/[?#].*$/s, (rest) => `${rest[0]}***`);
}

export function checkServerUrl(raw: string, where: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SpecKittyError(
      "INVALID_SERVER_URL",
      `server URL from ${where} is not a URL: '${redactUrl(raw)}'`,
      {
        fix: "use a URL like https://sync.example.com",
      },
    );
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) {
    const why = url.username || url.password ? "must not carry a user name or password" : "must be https://";
    throw new SpecKittyError(
      "INVALID_SERVER_URL",
      `server URL from ${where} ${why} (plain http only for localhost/127.0.0.1/::1; no query or fragment): '${redactUrl(raw)}'`,
      { fix: "use an https:// URL without credentials, query or fragment" },
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** Reads `<home>/config.toml` (absent = empty). Errors name the file and line. */
export function readUserConfig(paths: HomePaths): UserConfigFile {
  if (!existsSync(paths.config)) return {};
  const raw = parseToml(readTextFile(paths.config, paths.config), paths.config, {
    secret: true,
    fix: `correct ${paths.config} or remove it`,
  });
  const result = userConfigFile(raw);
  if (result instanceof SchemaErrors) {
    throw new InvalidFileError(paths.config, result.summary.replace(/\n/g, "; "), {
      fix: `correct the [sync] table in ${paths.config}`,
    });
  }
  return result;
}

/**
 * The server to log in to: `SPEC_KITTY_SERVER_URL`, else `[sync] server_url` in the user config, else
 * the default. Only login and display use this; a refresh always goes to the server stored with the
 * session, so no later setting can send a refresh token somewhere else.
 */
export function configuredServer(env: Env, paths: HomePaths): ServerChoice {
  const fromEnv = env.SPEC_KITTY_SERVER_URL?.trim();
  if (fromEnv) return { url: checkServerUrl(fromEnv, "SPEC_KITTY_SERVER_URL"), source: "env" };
  const fromConfig = readUserConfig(paths).sync?.server_url?.trim();
  if (fromConfig) return { url: checkServerUrl(fromConfig, paths.config), source: "config" };
  return { url: DEFAULT_SERVER_URL, source: "default" };
}
