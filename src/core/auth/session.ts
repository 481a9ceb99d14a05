import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import { withLock } from "../fs/lock.ts";
import { type Env, ensureHomeDir, type HomePaths, homePaths } from "../home.ts";
import {
  type Credentials,
  credentialsFrom,
  isTokenResponse,
  isUnexpired,
  readCredentials,
  removeCredentials,
  writeCredentials,
} from "./credentials.ts";
import { postJson, serverError } from "./http.ts";
import { checkServerUrl } from "./server.ts";

/** Lock acquisition budget. Must stay above REFRESH_TIMEOUT_MS so a hung server never looks like a deadlock. */
export const LOCK_TIMEOUT_MS = 10_000;
export const REFRESH_TIMEOUT_MS = 8_000;

export interface Session {
  access: string;
  creds: Credentials;
  /** The server that issued the session (from the credentials file, never from configuration). */
  server: string;
  /** Network refreshes this call performed (0 when a valid token was already on disk). */
  refreshes: number;
  /** 401s answered to a refresh token some other writer had already rotated (kept, not logged out). */
  stale401s: number;
}

export function notLoggedIn(): SpecKittyError {
  return new SpecKittyError("NOT_LOGGED_IN", "not logged in", { fix: "run `spec-kitty auth login`" });
}

function sessionExpired(): SpecKittyError {
  return new SpecKittyError("SESSION_EXPIRED", "your session has expired", {
    fix: "run `spec-kitty auth login`",
  });
}

/**
 * Runs `fn` holding `<home>/credentials.lock`, the one lock every reader-modifier of the credentials
 * takes. It excludes other processes and other callers in this process alike.
 */
export async function withCredentialsLock<T>(paths: HomePaths, fn: () => Promise<T> | T): Promise<T> {
  ensureHomeDir(paths); // before the lock helper creates the folder with default permissions
  try {
    return await withLock(paths.credentialsLock, fn, { timeoutMs: LOCK_TIMEOUT_MS });
  } catch (error) {
    if (
      isSpecKittyError(error) &&
      error.code === "LOCK_TIMEOUT" &&
      error.details?.lock === paths.credentialsLock
    ) {
      throw new SpecKittyError(
        "LOCK_TIMEOUT",
        `another spec-kitty process has held the credentials lock for more than ${LOCK_TIMEOUT_MS / 1000}s`,
        {
          fix: `retry in a moment; if no spec-kitty process is running, remove ${paths.credentialsLock}`,
          details: { lock: paths.credentialsLock },
        },
      );
    }
    throw error;
  }
}

/**
 * The refresh transaction: returns a valid access token, refreshing it if needed, with read → POST →
 * persist all under the credentials lock, so two processes can never spend the same refresh token.
 *
 * - After taking the lock the file is re-read: if another process already rotated the tokens and the
 *   access token is valid, it is returned without any network call.
 * - `rejected` is an access token the server just refused (a 401 on another endpoint): it is not
 *   reused even if its clock says it is valid.
 * - On a 401 to the refresh, the file is read again: a different refresh token on disk means someone
 *   rotated it meanwhile (a stale 401) → keep everything and continue with the newer tokens. The same
 *   token (or no file) means the session really ended → remove the credentials and SESSION_EXPIRED.
 * - Only a 401 ever removes credentials; timeouts, 5xx and network errors throw and keep them.
 */
export async function obtainSession(env: Env, options: { rejected?: string } = {}): Promise<Session> {
  const paths = homePaths(env);
  return withCredentialsLock(paths, async () => {
    let creds = readCredentials(paths);
    if (!creds) throw notLoggedIn();
    let rejected = options.rejected;
    let refreshes = 0;
    let stale401s = 0;
    // Each pass spends one refresh token; only a stale 401 (someone else rotated) starts another pass.
    for (let pass = 0; pass < 3; pass++) {
      const server = checkServerUrl(creds.server.url, paths.credentials);
      const now = Date.now();
      if (isUnexpired(creds.tokens.access_expires_at, now) && creds.tokens.access !== rejected) {
        return { access: creds.tokens.access, creds, server, refreshes, stale401s };
      }
      if (!isUnexpired(creds.tokens.refresh_expires_at, now)) throw sessionExpired();
      const entry = creds.tokens.refresh;
      const url = `${server}/api/v1/token/refresh/`;
      const response = await postJson(url, { refresh: entry }, { timeoutMs: REFRESH_TIMEOUT_MS });
      if (response.status === 401) {
        const onDisk = readCredentials(paths);
        if (onDisk && onDisk.tokens.refresh !== entry) {
          stale401s++;
          creds = onDisk;
          rejected = undefined;
          continue;
        }
        removeCredentials(paths);
        throw sessionExpired();
      }
      if (response.status !== 200) throw serverError(url, response.status);
      if (!isTokenResponse(response.body)) {
        throw new SpecKittyError(
          "INVALID_SERVER_RESPONSE",
          `${server} sent a refresh answer without tokens`,
          {
            fix: "retry later; your session was kept",
          },
        );
      }
      refreshes++;
      creds = credentialsFrom(response.body, creds.user, creds.server.url, Date.now());
      writeCredentials(paths, creds);
      return { access: creds.tokens.access, creds, server, refreshes, stale401s };
    }
    throw sessionExpired();
  });
}
