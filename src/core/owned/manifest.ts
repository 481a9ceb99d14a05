/**
 * `.kittify/owned-files.json`: the record of what spec-kitty wrote. Its name, hash and bytes; the
 * reader (which loads the validators) is `manifest-read.ts`, so init does not pay for it.
 */
import type { OwnedEntry, OwnedFilesManifest } from "../../schema/owned-files.ts";
import type { OwnedFile } from "./plan.ts";

export const MANIFEST_FILE = ".kittify/owned-files.json";

export type { OwnedEntry, OwnedFilesManifest };

export function sha256(text: string): string {
  return new Bun.CryptoHasher("sha256").update(text).digest("hex");
}

export function entryFor(file: OwnedFile): OwnedEntry {
  return { path: file.path, sha256: sha256(file.content), agents: [...file.agents], base: file.content };
}

/** Stable bytes: entries sorted by path, 2-space JSON, trailing newline. */
export function serializeManifest(entries: Iterable<OwnedEntry>, version: string): string {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: OwnedFilesManifest = { schema_version: 1, spec_kitty_version: version, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
