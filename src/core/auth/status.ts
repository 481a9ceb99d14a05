import { type Env, homePaths } from "../home.ts";
import { expiryMs, hasLiveSession, isUnexpired, readCredentials } from "./credentials.ts";
import { configuredServer, type ServerChoice } from "./server.ts";

// Kept apart from login/logout so `auth status` never loads the lock or HTTP code: it is a hot,
// offline command with a start-up budget.

export interface TokenState {
  valid: boolean;
  expires_at: string | null;
  /** Seconds left (negative once expired), null when the expiry is unknown. */
  remaining_s: number | null;
}

export interface AuthStatus {
  authenticated: boolean;
  logged_in_file: boolean;
  username: string | null;
  team_slug: string | null;
  server: string | null;
  configured_server: ServerChoice | null;
  /** True when the session belongs to a different server than the one configured now. */
  server_mismatch: boolean;
  access: TokenState | null;
  refresh: TokenState | null;
}

function tokenState(stamp: string | undefined, now: number): TokenState {
  const at = expiryMs(stamp);
  return {
    valid: isUnexpired(stamp, now),
    expires_at: stamp ?? null,
    remaining_s: Number.isNaN(at) ? null : Math.floor((at - now) / 1000),
  };
}

/** What `auth status` shows. Reads files only: no network, no lock (writes are atomic renames). */
export function authStatus(env: Env, now = Date.now()): AuthStatus {
  const paths = homePaths(env);
  const creds = readCredentials(paths);
  let configured: ServerChoice | null = null;
  try {
    configured = configuredServer(env, paths);
  } catch {
    configured = null; // a bad config must not hide the session facts; login reports it
  }
  if (!creds) {
    return {
      authenticated: false,
      logged_in_file: false,
      username: null,
      team_slug: null,
      server: null,
      configured_server: configured,
      server_mismatch: false,
      access: null,
      refresh: null,
    };
  }
  const storedServer = creds.server.url.replace(/\/+$/, "");
  return {
    authenticated: hasLiveSession(creds, now),
    logged_in_file: true,
    username: creds.user.username,
    team_slug: creds.user.team_slug ?? null,
    server: creds.server.url,
    configured_server: configured,
    server_mismatch: configured !== null && configured.url !== storedServer,
    access: tokenState(creds.tokens.access_expires_at, now),
    refresh: tokenState(creds.tokens.refresh_expires_at, now),
  };
}
