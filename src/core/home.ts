import { chmodSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SpecKittyError } from "./errors.ts";

export type Env = Record<string, string | undefined>;

/** Every file spec-kitty keeps in the user's folder, in one place so no caller spells a path itself. */
export interface HomePaths {
  root: string;
  credentials: string;
  credentialsLock: string;
  config: string;
  queueDb: string;
}

/** The user folder: `$SPEC_KITTY_HOME` when set, else `$HOME/.spec-kitty`. */
export function homeDir(env: Env): string {
  const explicit = env.SPEC_KITTY_HOME?.trim();
  if (explicit) return explicit;
  const home = env.HOME?.trim() || env.USERPROFILE?.trim();
  if (!home) {
    throw new SpecKittyError(
      "NO_HOME",
      "cannot find the user folder: neither SPEC_KITTY_HOME nor HOME is set",
      {
        fix: "set SPEC_KITTY_HOME (or HOME) to a writable directory",
      },
    );
  }
  return join(home, ".spec-kitty");
}

export function homePaths(env: Env): HomePaths {
  const root = homeDir(env);
  return {
    root,
    credentials: join(root, "credentials"),
    credentialsLock: join(root, "credentials.lock"),
    config: join(root, "config.toml"),
    queueDb: join(root, "queue.db"),
  };
}

/**
 * Creates the user folder with mode 0700, or tightens an existing one that others can read: it holds
 * the session tokens, so group/world access is never acceptable. Windows has no POSIX modes.
 */
export function ensureHomeDir(paths: HomePaths): void {
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  tightenMode(paths.root, 0o700);
}

/** chmod `path` to `mode` when group or others have any access; returns whether it changed anything. */
export function tightenMode(path: string, mode: number): boolean {
  if (process.platform === "win32") return false;
  const current = statSync(path).mode & 0o777;
  if ((current & 0o077) === 0) return false;
  chmodSync(path, mode);
  return true;
}
