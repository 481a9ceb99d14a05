/**
 * Reading text files and parsing the three formats we read (JSON, YAML, TOML): one reader each, every
 * failure an InvalidFileError naming the file and, where the parser knows it, the line.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { InvalidFileError } from "../errors.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

// O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file that must be UTF-8 text. Binary garbage (invalid UTF-8 or NUL bytes) is reported as an
 * invalid file instead of being parsed into nonsense; a leading BOM is dropped, as every editor does.
 * Only a regular file is read: a directory, FIFO or device in its place is an invalid file (never a
 * hang, never an endless read). `name` is how errors refer to the file.
 */
export function readTextFile(path: string, name: string): string {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    if ((error as { code?: string }).code === "EISDIR") throw notRegular(name, "a directory");
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw notRegular(name, stat.isDirectory() ? "a directory" : "a FIFO, socket or device");
    return decodeText(readFileSync(fd), name);
  } finally {
    closeSync(fd);
  }
}

function notRegular(name: string, what: string): InvalidFileError {
  return new InvalidFileError(name, `is ${what}, not a regular file`, {
    fix: `put the file itself at ${name}`,
  });
}

/** `readTextFile` for bytes already in memory. */
export function decodeText(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InvalidFileError(name, "is not UTF-8 text", {
      line: firstBadLine(bytes),
      fix: `replace ${name} with a text file`,
    });
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

/** The 1-based line holding the first invalid UTF-8 sequence (the log's streaming reader says the same). */
function firstBadLine(bytes: Uint8Array): number | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let line = 1; start <= buffer.length; line++) {
    const end = buffer.indexOf(0x0a, start);
    const stop = end === -1 ? buffer.length : end;
    if (!isUtf8(buffer.subarray(start, stop))) return line;
    if (end === -1) return undefined;
    start = end + 1;
  }
  return undefined;
}

const restoreFix = (file: string) => `correct ${file} by hand, or restore it from version control`;

/** JSON text from `file`; a syntax error becomes InvalidFileError with the line number. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/.exec(message)?.[1];
    throw new InvalidFileError(file, `not valid JSON (${message})`, {
      line: line === undefined ? undefined : Number(line),
      fix: restoreFix(file),
    });
  }
}

export interface YamlOptions {
  /** Added to the reported line (frontmatter starts after its `---` line). */
  lineOffset?: number;
  fix?: string;
}

/**
 * YAML text from `file`. Parsed by Bun's built-in parser (native, YAML 1.2 core schema, refuses alias
 * bombs): the `yaml` package costs ~13 ms of start-up in the compiled binary, more than a whole read
 * command's budget. The package is loaded only to locate a syntax error (Bun's messages carry no line),
 * and for edits that must keep comments (WP frontmatter, wp-file.ts).
 */
export function parseYaml(text: string, file: string, options: YamlOptions = {}): unknown {
  try {
    return Bun.YAML.parse(text);
  } catch (error) {
    const located = locateYamlError(text);
    const problem = located?.message ?? (error instanceof Error ? error.message : String(error));
    const line = located?.line === undefined ? undefined : located.line + (options.lineOffset ?? 0);
    throw new InvalidFileError(file, `not valid YAML (${problem})`, {
      line,
      fix: options.fix ?? restoreFix(file),
    });
  }
}

/** The first error the `yaml` package reports for `text`, with its 1-based line. */
function locateYamlError(text: string): { message: string; line: number | undefined } | null {
  const { parseDocument } = require("yaml") as typeof import("yaml");
  const doc = parseDocument(text, { prettyErrors: true, merge: true });
  const first = doc.errors[0];
  if (!first) return null;
  const message = (first.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return { message, line: first.linePos?.[0].line };
}

export interface TomlOptions {
  /** The file holds secrets: report the position only (the parser's message quotes the line). */
  secret?: boolean;
  fix?: string;
}

/** TOML text from `file` (smol-toml, loaded on first use: only auth and release read TOML). */
export function parseToml(text: string, file: string, options: TomlOptions = {}): unknown {
  const { parse, TomlError } = require("smol-toml") as typeof import("smol-toml");
  try {
    return parse(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const detail = options.secret ? "" : ` (${(error as Error).message.split("\n")[0]})`;
    throw new InvalidFileError(file, `not valid TOML${detail}`, {
      line,
      fix: options.fix ?? restoreFix(file),
    });
  }
}
