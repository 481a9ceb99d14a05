import { SpecKittyError } from "../errors.ts";
import { type Env, homePaths } from "../home.ts";
import {
  credentialsFrom,
  hasLiveSession,
  isTokenResponse,
  readCredentials,
  removeCredentials,
  writeCredentials,
} from "./credentials.ts";
import { postJson, serverError } from "./http.ts";
import { configuredServer } from "./server.ts";
import { withCredentialsLock } from "./session.ts";

const LOGIN_TIMEOUT_MS = 10_000;

export type LoginResult =
  | { status: "already"; username: string; server: string; configured_server: string }
  | { status: "logged_in"; username: string; server: string; team_slug: string | null };

export interface LoginInput {
  force: boolean;
  /** Asked only when a login will really happen, so nobody types a password for nothing. */
  askCredentials: (server: string) => Promise<{ username: string; password: string }>;
}

/**
 * Logs in to the configured server and stores the session. A live session is kept unless `force`;
 * a corrupt credentials file is reported, and replaced only with `force` (the user asked).
 */
export async function login(env: Env, input: LoginInput): Promise<LoginResult> {
  const paths = homePaths(env);
  const server = configuredServer(env, paths);
  if (!input.force) {
    const existing = readCredentials(paths); // throws on a corrupt file: never overwrite it unasked
    if (existing && hasLiveSession(existing, Date.now())) {
      return {
        status: "already",
        username: existing.user.username,
        server: existing.server.url,
        configured_server: server.url,
      };
    }
  }
  const { username, password } = await input.askCredentials(server.url);
  if (!username.trim() || !password) {
    throw new SpecKittyError("LOGIN_FAILED", "a username and a password are required", {
      fix: "pass --username and --password-stdin, or run it in a terminal to be prompted",
      exitCode: 2,
    });
  }
  const url = `${server.url}/api/v1/token/`;
  const response = await postJson(url, { username, password }, { timeoutMs: LOGIN_TIMEOUT_MS });
  if (response.status === 401 || response.status === 400) {
    throw new SpecKittyError("LOGIN_FAILED", `${server.url} rejected the username or password`, {
      fix: "check them and run `spec-kitty auth login` again",
    });
  }
  if (response.status !== 200) throw serverError(url, response.status);
  if (!isTokenResponse(response.body)) {
    throw new SpecKittyError("INVALID_SERVER_RESPONSE", `${server.url} sent a login answer without tokens`, {
      fix: "check that the server URL points at a spec-kitty sync server",
    });
  }
  const creds = credentialsFrom(response.body, { username }, server.url, Date.now());
  await withCredentialsLock(paths, () => writeCredentials(paths, creds));
  return { status: "logged_in", username, server: server.url, team_slug: creds.user.team_slug ?? null };
}

export interface LogoutResult {
  removed: boolean;
  username: string | null;
}

/** Removes the credentials (expired or even corrupt: the user asked), under the credentials lock. */
export async function logout(env: Env): Promise<LogoutResult> {
  const paths = homePaths(env);
  return withCredentialsLock(paths, () => {
    let username: string | null = null;
    try {
      username = readCredentials(paths)?.user.username ?? null;
    } catch {
      // A corrupt file is removed all the same.
    }
    return { removed: removeCredentials(paths), username };
  });
}
