import { readFileSync } from "node:fs";
import { InvalidFileError } from "../errors.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a file that must be UTF-8 text. Binary garbage (invalid UTF-8 or NUL bytes) is reported as an
 * invalid file instead of being parsed into nonsense. `name` is how errors refer to the file.
 */
export function readTextFile(path: string, name: string): string {
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InvalidFileError(name, "is not UTF-8 text", { fix: `replace ${name} with a text file` });
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const line = text.slice(0, nul).split("\n").length;
    throw new InvalidFileError(name, "contains NUL bytes (binary data?)", {
      line,
      fix: `replace ${name} with a text file`,
    });
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
