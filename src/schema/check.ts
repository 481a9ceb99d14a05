import { InvalidFileError } from "../core/errors.ts";
import { type SchemaCheck, SchemaErrors } from "./runtime.ts";

/**
 * Validates `value` (already parsed from `file`) against a schema and returns the typed result, or
 * throws InvalidFileError naming the file and every problem (`a must be a string (was number); ...`),
 * and the line of the first one when `locate` (jsonLocator, yamlKeyLocator) is given.
 */
export function checkFile<T>(schema: SchemaCheck<T>, value: unknown, file: string, locate?: Locate): T {
  const result = schema(value);
  if (result instanceof SchemaErrors) {
    const first = result.problems[0];
    throw new InvalidFileError(file, result.summary.replace(/\n/g, "; "), {
      line: first && locate ? locate(first.path) : undefined,
      fix: `correct ${file} by hand, or restore it from version control`,
    });
  }
  return result;
}

/** The line (1-based) of the value at a problem's path, when the caller can tell. */
export type Locate = (path: readonly (string | number)[]) => number | undefined;

/**
 * Where each value of a JSON text starts: a small scanner over text that already parsed, mapping the
 * path of every value (`["lanes", 1, "lane_id"]`) to its line, so schema problems name the line too.
 */
export function jsonLocator(text: string): Locate {
  let lines: Map<string, number> | undefined;
  return (path) => {
    lines ??= scanJsonLines(text);
    for (let n = path.length; n >= 0; n--) {
      const found = lines.get(
        path
          .slice(0, n)
          .map((p) => `/${p}`)
          .join(""),
      );
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

function scanJsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") line++;
      else if (c !== " " && c !== "\t" && c !== "\r" && c !== "\uFEFF") break;
    }
  };
  const string = (): string => {
    const start = i;
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      for (let index = 0; ; index++) {
        skip();
        if (text[i] === "}" || text[i] === "]") break;
        let key = String(index);
        if (c === "{") {
          key = string();
          skip();
          i++; // ':'
        }
        value(`${path}/${key}`);
        skip();
        if (text[i] === ",") i++;
      }
      i++;
    } else if (c === '"') string();
    else while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  try {
    value("");
  } catch {
    // a text that does not scan: problems are reported without a line
  }
  return lines;
}

/** YAML mapping text: the line of the top-level key a problem is under (`lineOffset` added). */
export function yamlKeyLocator(text: string, lineOffset = 0): Locate {
  const keys = new Map<string, number>();
  text.split("\n").forEach((content, index) => {
    const key = /^(['"]?)([^\s#'":][^:]*?)\1\s*:(?:\s|$)/.exec(content)?.[2];
    if (key !== undefined && !keys.has(key)) keys.set(key, index + 1 + lineOffset);
  });
  return (path) => (path.length > 0 ? keys.get(String(path[0])) : undefined);
}
