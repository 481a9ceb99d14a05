import { existsSync, rmSync } from "node:fs";
import { stringify } from "smol-toml";
import { type CredentialsFile, credentialsFile } from "../../schema/credentials.ts";
import { SchemaErrors } from "../../schema/runtime.ts";
import { InvalidFileError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { parseToml, readTextFile } from "../fs/text.ts";
import { ensureHomeDir, type HomePaths, tightenMode } from "../home.ts";

export type Credentials = CredentialsFile;

const CORRUPT_FIX =
  "run `spec-kitty auth login --force` to replace it (or `spec-kitty auth logout` to remove it)";

/**
 * Reads the credentials file: null when there is none. A file that is not valid TOML or lacks the
 * token keys is an error, never "logged out": silently ignoring it would hide a problem and invite an
 * overwrite. The TOML parser's own message quotes the offending lines (tokens!), so only the position
 * is reported. A file or folder others can read is tightened back to 0600/0700 on the way.
 */
export function readCredentials(paths: HomePaths): Credentials | null {
  if (!existsSync(paths.credentials)) return null;
  tightenMode(paths.root, 0o700);
  tightenMode(paths.credentials, 0o600);
  const text = readTextFile(paths.credentials, paths.credentials);
  const raw = parseToml(text, paths.credentials, { secret: true, fix: CORRUPT_FIX });
  const result = credentialsFile(raw);
  if (result instanceof SchemaErrors) {
    // Key paths only: a summary can echo values, and values here are secrets.
    const bad = result.problems.map((problem) => problem.path.join(".") || "(root)");
    const keys = [...new Set(bad)].join(", ");
    throw new InvalidFileError(paths.credentials, `missing or invalid keys: ${keys}`, { fix: CORRUPT_FIX });
  }
  return result;
}

/** Writes the credentials atomically with mode 0600 inside a 0700 folder. Callers hold the credentials lock. */
export function writeCredentials(paths: HomePaths, creds: Credentials): void {
  ensureHomeDir(paths);
  const doc: Record<string, unknown> = {
    tokens: creds.tokens,
    user: creds.user.team_slug
      ? { username: creds.user.username, team_slug: creds.user.team_slug }
      : { username: creds.user.username },
    server: { url: creds.server.url },
  };
  writeFileAtomic(paths.credentials, stringify(doc), { mode: 0o600 });
  // The temp file was created 0600 minus the umask; make sure a permissive umask left nothing wider.
  tightenMode(paths.credentials, 0o600);
}

export function removeCredentials(paths: HomePaths): boolean {
  if (!existsSync(paths.credentials)) return false;
  rmSync(paths.credentials, { force: true });
  return true;
}

/** Python `datetime.isoformat()` in UTC (`2026-04-09T12:15:00.123000+00:00`), as the original writes. */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/** Expiry instant in ms, or NaN when absent/unparsable (which counts as expired). Naive stamps are UTC. */
export function expiryMs(stamp: string | undefined): number {
  if (!stamp) return Number.NaN;
  let text = stamp.trim().replace(/Z$/i, "+00:00");
  if (!/[+-]\d{2}:?\d{2}$/.test(text)) text += "+00:00";
  // JavaScript dates take at most millisecond fractions.
  text = text.replace(/(\.\d{3})\d+/, "$1");
  return Date.parse(text);
}

/** Valid iff now < expiry (no skew margin, as the original). */
export function isUnexpired(stamp: string | undefined, now: number): boolean {
  const at = expiryMs(stamp);
  return !Number.isNaN(at) && now < at;
}

/** Logged in = the access token or (for a silent refresh) the refresh token is still valid. */
export function hasLiveSession(creds: Credentials, now: number): boolean {
  return (
    isUnexpired(creds.tokens.access_expires_at, now) || isUnexpired(creds.tokens.refresh_expires_at, now)
  );
}

const ACCESS_DEFAULT_S = 900;
const REFRESH_DEFAULT_S = 604_800;

/** First positive integer among the candidates (numbers or numeric strings), else the fallback. */
function lifetime(candidates: unknown[], fallback: number): number {
  for (const value of candidates) {
    const n = typeof value === "string" ? Number(value) : value;
    if (typeof n === "number" && Number.isInteger(n) && n > 0) return n;
  }
  return fallback;
}

/** A token response from login or refresh, validated: tokens are required, lifetimes optional. */
export interface TokenResponse {
  access: string;
  refresh: string;
  team_slug?: string;
  access_lifetime?: unknown;
  expires_in?: unknown;
  refresh_lifetime?: unknown;
  refresh_expires_in?: unknown;
}

export function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.access === "string" && v.access !== "" && typeof v.refresh === "string" && v.refresh !== "";
}

/** Builds the stored credentials from a token response; expiries are computed locally from lifetimes. */
export function credentialsFrom(
  response: TokenResponse,
  user: { username: string; team_slug?: string | undefined },
  serverUrl: string,
  now: number,
): Credentials {
  const accessS = lifetime([response.access_lifetime, response.expires_in], ACCESS_DEFAULT_S);
  const refreshS = lifetime([response.refresh_lifetime, response.refresh_expires_in], REFRESH_DEFAULT_S);
  const team =
    typeof response.team_slug === "string" && response.team_slug ? response.team_slug : user.team_slug;
  return {
    tokens: {
      access: response.access,
      refresh: response.refresh,
      access_expires_at: isoUtc(new Date(now + accessS * 1000)),
      refresh_expires_at: isoUtc(new Date(now + refreshS * 1000)),
    },
    user: team ? { username: user.username, team_slug: team } : { username: user.username },
    server: { url: serverUrl },
  };
}
