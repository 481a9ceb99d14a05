import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";

/** Appends `lines` (without newlines) to a JSONL file with one write and an fsync; the caller holds its lock. */
export function appendLines(path: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const text = lines.map((line) => `${line}\n`).join("");
  const fd = openSync(path, "a+", 0o644);
  try {
    // A log whose last line lacks its newline (hand edit) must not get our line glued onto it.
    const size = fstatSync(fd).size;
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
