import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import { SpecKittyError } from "../errors.ts";
import { checkWritableTarget } from "./safe-path.ts";

// O_NOFOLLOW: an append never goes through a symlink in the file's place (0 where the OS lacks it).
const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/**
 * Opens `path` for appending, never through a symlink in its place (a directory, FIFO or hard-linked
 * file is refused first); for a log another process writes into through the descriptor.
 */
export function openForAppend(path: string): number {
  checkWritableTarget(path); // a directory or FIFO in the file's place is refused before open() touches it
  try {
    return openSync(path, APPEND_FLAGS, 0o644);
  } catch (error) {
    if ((error as { code?: string }).code !== "ELOOP") throw error;
    throw new SpecKittyError("PATH_ESCAPE", `${path} is a symlink; refusing to append through it`, {
      fix: "replace the symlink with the file itself",
      details: { path },
    });
  }
}

/** Appends `lines` (without newlines) to a JSONL file with one write and an fsync; the caller holds its lock. */
export function appendLines(path: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const text = lines.map((line) => `${line}\n`).join("");
  const fd = openForAppend(path);
  try {
    // Checked on the open file: what we append to is what we checked (a plain file with one link).
    const stat = fstatSync(fd);
    checkWritableTarget(path, stat);
    // A log whose last line lacks its newline (hand edit) must not get our line glued onto it.
    const size = stat.size;
    const last = Buffer.alloc(1);
    const lead = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a ? "\n" : "";
    const bytes = Buffer.from(lead + text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
