/**
 * The one reader of `.kittify/owned-files.json`. A manifest edited into an invalid form is an error
 * naming the file; nothing is guessed.
 */
import { existsSync } from "node:fs";
import { checkFile } from "../../schema/check.ts";
import { type OwnedFilesManifest, ownedFilesSchema } from "../../schema/owned-files.ts";
import { InvalidFileError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import { MANIFEST_FILE, sha256 } from "./manifest.ts";
import { isOwnablePath } from "./plan.ts";

/** Parses manifest text; every entry's hash must match its base, and paths must be unique. */
export function parseManifest(text: string, file = MANIFEST_FILE): OwnedFilesManifest {
  const manifest = checkFile(ownedFilesSchema, parseJson(text, file), file);
  const seen = new Set<string>();
  for (const entry of manifest.files) {
    if (seen.has(entry.path)) throw new InvalidFileError(file, `'${entry.path}' is listed twice`);
    seen.add(entry.path);
    // A hand-edited entry must never make spec-kitty update or delete a file it could not have written.
    if (!isOwnablePath(entry.path)) {
      throw new InvalidFileError(file, `'${entry.path}' is not a place spec-kitty writes its files`, {
        fix: `remove that entry from ${file}, or restore the file from version control`,
      });
    }
    if (sha256(entry.base) !== entry.sha256) {
      throw new InvalidFileError(file, `the sha256 of '${entry.path}' does not match its recorded base`, {
        fix: `restore ${file} from version control, or delete it and run 'spec-kitty agent config sync' to rebuild it`,
      });
    }
  }
  return manifest;
}

/** The project's manifest, or null when it has none (projects set up before it existed). */
export function readManifest(root: string): OwnedFilesManifest | null {
  const path = containedPath(root, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  return parseManifest(readTextFile(path, MANIFEST_FILE));
}
