/**
 * ULIDs come from the `ulid` package; this module is the one place the rest of the code gets them.
 * build.ts resolves `ulid` to the package's own browser build, which draws randomness from the global
 * Web Crypto: its Node build imports `node:crypto` at load, measured ~13 ms of start-up in the compiled
 * binary for every command that mints an id (mission create, every status write).
 */
import { monotonicFactory, ulid as packageUlid } from "ulid";

export function ulid(now: number = Date.now()): string {
  return packageUlid(now);
}

/** A generator whose ids strictly increase even within one millisecond (event ids in one append). */
export function monotonicUlid(): () => string {
  const next = monotonicFactory();
  return () => next();
}
