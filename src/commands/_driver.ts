import { basename, dirname } from "node:path";

/**
 * The directory of the running spec-kitty binary, for the git merges spec-kitty runs itself (`merge`,
 * `orchestrator-api merge-mission`, `dispatch --merge`): put first on PATH, the `spec-kitty
 * merge-driver-…` commands of git config run this very binary. Null when not running as the compiled
 * binary (then the drivers are looked up on PATH as in any git merge).
 */
export function selfDir(): string | null {
  return /^spec-kitty(\.exe)?$/.test(basename(process.execPath)) ? dirname(process.execPath) : null;
}
