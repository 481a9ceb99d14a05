import type { Resolvable } from "citty";

/** citty lets meta, args and subcommands be values, promises or (lazy) functions; this unwraps all three. */
export async function resolveValue<T>(value: Resolvable<T> | undefined): Promise<T | undefined> {
  if (value === undefined) return undefined;
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}
