/**
 * Line numbers for values in JSON, TOML and YAML files, so every release failure can say
 * `package.json line 3: 3.1.1-rc.1`. The parsers we use (JSON.parse, smol-toml) keep no positions, so
 * JSON and TOML are scanned here; YAML positions come from the `yaml` library itself.
 */
import { isScalar, LineCounter, parseDocument } from "yaml";
import { parseYaml } from "../fs/text.ts";

/** Line (1-based) of a top-level `"key":` in a JSON object; skips strings and nested objects. */
export function jsonTopLevelKeyLine(text: string, key: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      const name = text.slice(start + 1, i);
      if (depth === 1 && name === key && /^\s*:/.test(text.slice(i + 1, i + 40))) return line;
    }
  }
  return undefined;
}

/** Line of `key = …` inside the TOML table `[table]` (not its sub-tables). */
export function tomlKeyLine(text: string, table: string, key: string): number | undefined {
  let current = "";
  const lines = text.split(/\r?\n/);
  const keyPattern = new RegExp(`^\\s*["']?${key}["']?\\s*=`);
  for (const [index, raw] of lines.entries()) {
    const header = /^\s*\[\s*([^\][]+?)\s*\]\s*(#.*)?$/.exec(raw);
    if (header) current = (header[1] as string).replace(/\s*\.\s*/g, ".").replace(/["']/g, "");
    else if (current === table && keyPattern.test(raw)) return index + 1;
  }
  return undefined;
}

export interface YamlValue {
  /** The value as written (a YAML number like `3.1` is kept as its source text). */
  value: unknown;
  line: number | undefined;
}

/**
 * Parses YAML text and returns the plain data plus a lookup of `path` → value and line.
 * Syntax errors become InvalidFileError with the line.
 */
export function parseYamlWithLines(
  text: string,
  file: string,
): { data: unknown; at: (path: string[]) => YamlValue } {
  const data = parseYaml(text, file); // the one YAML reader: its errors name the file and line
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return {
    data,
    at: (path) => {
      const node = doc.getIn(path, true);
      if (!isScalar(node))
        return { value: node === undefined ? undefined : doc.getIn(path), line: undefined };
      const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
      // A number (`version: 3.1`) is reported as written, not as JavaScript prints it.
      const written = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(node.value);
      return { value: typeof node.value === "number" ? written : node.value, line };
    },
  };
}
