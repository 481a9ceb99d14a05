/**
 * The project as upgrade's migrations will leave it: reads see the pending bytes of earlier
 * migrations, writes and deletes are only recorded. At the end the overlay is one changeset, applied
 * all at once (or, for a dry run, only listed).
 */
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { SpecKittyError } from "../errors.ts";
import type { FileChange } from "../fs/changeset.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";

interface Pending {
  content: string | null;
  backup: boolean;
}

export class Overlay {
  private readonly pending = new Map<string, Pending>();

  constructor(readonly root: string) {}

  /** The file's bytes as the migrations so far leave them, or null when absent. */
  read(path: string): string | null {
    const pending = this.pending.get(path);
    if (pending) return pending.content;
    const abs = resolveInside(this.root, path);
    if (!existsSync(abs)) return null;
    if (!lstatSync(abs).isFile()) {
      throw new SpecKittyError("NOT_A_FILE", `${path} is not a regular file`, { fix: `move ${path} aside` });
    }
    return readTextFile(abs, path);
  }

  exists(path: string): boolean {
    return this.read(path) !== null;
  }

  /** Names in a directory on disk (pending creations and deletions are not reflected). */
  listDir(path: string): string[] {
    const abs = resolveInside(this.root, path);
    return existsSync(abs) && lstatSync(abs).isDirectory() ? readdirSync(abs).sort() : [];
  }

  write(path: string, content: string, backup = false): void {
    const before = this.pending.get(path);
    this.pending.set(path, { content, backup: backup || (before?.backup ?? false) });
  }

  delete(path: string, backup = false): void {
    const before = this.pending.get(path);
    this.pending.set(path, { content: null, backup: backup || (before?.backup ?? false) });
  }

  /** Every recorded change whose result differs from the disk, in the order first touched. */
  changes(): FileChange[] {
    const out: FileChange[] = [];
    for (const [path, pending] of this.pending) {
      const abs = resolveInside(this.root, path);
      const disk = existsSync(abs) ? readTextFile(abs, path) : null;
      if (disk === pending.content) continue;
      out.push({ path, content: pending.content, backup: pending.backup });
    }
    return out;
  }
}
