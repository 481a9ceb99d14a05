/** Writing meta.json: the one serializer for that file's bytes (reading and validating is resolve.ts). */
import type { MissionMeta } from "../../schema/meta.ts";

/**
 * The bytes spec-kitty 3.1 writes: keys sorted recursively, 2-space indent, non-ASCII kept raw,
 * trailing newline. (JSON.stringify already leaves non-ASCII raw.)
 */
export function serializeMissionMeta(meta: MissionMeta): string {
  return `${JSON.stringify(sortKeys(meta), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
