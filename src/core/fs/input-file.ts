/**
 * Files named on the command line (`--review-feedback-file`): what they hold is copied into the project
 * and handed to agents, so they are read on strict terms. A regular file only (a FIFO, device or
 * directory is refused before a byte is read, so nothing can hang or run out of memory), at most
 * `maxBytes`, UTF-8 text, and inside the project unless the flag's documented opt-in says otherwise.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { containedPath } from "./safe-path.ts";
import { decodeText } from "./text.ts";

export interface InputFileOptions {
  /** The flag that named the file, for messages (`--review-feedback-file`). */
  flag: string;
  /** The project root: the file must be inside it unless `allowOutside`. */
  root: string;
  /** The flag's documented opt-in for a file outside the project (it is still checked otherwise). */
  allowOutside?: boolean;
  /** How that opt-in is spelled, for the fix line. */
  optIn?: string;
  maxBytes: number;
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function refuse(code: string, message: string, fix: string, path: string): SpecKittyError {
  return new SpecKittyError(code, message, { fix, details: { path } });
}

/** The text of the input file at absolute `path`, checked as described above. */
export function readInputFile(path: string, options: InputFileOptions): string {
  const { flag } = options;
  if (!options.allowOutside) {
    try {
      containedPath(options.root, path);
    } catch {
      const rel = relative(options.root, path);
      const how = options.optIn ? `, or pass ${options.optIn} to read it from there` : "";
      throw refuse(
        "INPUT_OUTSIDE_PROJECT",
        `${flag} ${path} is outside the project${rel.startsWith("..") ? "" : " (through a symlink)"}`,
        `write the file inside the project${how}`,
        path,
      );
    }
  }
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT")
      throw refuse(
        "INPUT_NOT_FOUND",
        `${flag} ${path} does not exist`,
        `check the path given to ${flag}`,
        path,
      );
    if (code === "EISDIR")
      throw refuse(
        "INPUT_NOT_A_FILE",
        `${flag} ${path} is a directory`,
        `pass a regular file to ${flag}`,
        path,
      );
    if (code === "EACCES" || code === "EPERM")
      throw refuse("INPUT_NOT_READABLE", `${flag} ${path} is not readable`, "check its permissions", path);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? "a directory" : "not a regular file (FIFO, socket or device)";
      throw refuse("INPUT_NOT_A_FILE", `${flag} ${path} is ${what}`, `pass a regular file to ${flag}`, path);
    }
    const limit = options.maxBytes;
    const tooLarge = () =>
      refuse(
        "INPUT_TOO_LARGE",
        `${flag} ${path} is larger than ${limit} bytes`,
        `shorten it to at most ${Math.floor(limit / 1024)} KiB`,
        path,
      );
    if (stat.size > limit) throw tooLarge();
    // Read at most one byte past the limit: a file that grows while we read is still bounded.
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let filled = 0;
    for (;;) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
      if (filled > limit) throw tooLarge();
      if (filled === buffer.length) break;
    }
    return decodeText(buffer.subarray(0, filled), path);
  } finally {
    closeSync(fd);
  }
}
