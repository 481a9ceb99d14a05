/** Temp directories, fixture copies and tree snapshots for tests. */
import { createHash } from "node:crypto";
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export const FIXTURES = join(import.meta.dir, "..", "..", "fixtures");

/** A fresh empty directory under the OS temp dir (realpath'd, so paths compare cleanly). */
export function tempDir(prefix = "sk-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies fixtures/<name> into a fresh temp dir and returns the copy's path. */
export function copyFixture(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/**
 * Every file under `root` (relative path → sha256 or `-> link`), skipping `.git` internals if asked;
 * with `dirs`, every directory too (`<path>/` → "dir"), so a removed empty folder shows.
 */
export function snapshotTree(
  root: string,
  options: { skipGit?: boolean; dirs?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (options.skipGit && rel.split("/")[0] === ".git") continue;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[rel] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        if (options.dirs) out[`${rel}/`] = "dir";
        walk(path);
      } else if (stat.isFile()) out[rel] = createHash("sha256").update(readFileSync(path)).digest("hex");
      else out[rel] = "(not a regular file)"; // a FIFO planted by a test: reading it would block
    }
  };
  walk(root);
  return out;
}

/** Sorted list of files (not directories) under root. */
export function listFiles(root: string, options: { skipGit?: boolean } = {}): string[] {
  return Object.keys(snapshotTree(root, options)).sort();
}
