import { io } from "./io.ts";

/** Colour only for a human at a terminal: never when NO_COLOR is set or stdout is not a TTY. */
export function colorEnabled(): boolean {
  const { env } = io();
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return io().stdoutIsTTY; // last: the TTY probe is the only costly step
}

function paint(open: number, close: number) {
  return (text: string): string => (colorEnabled() ? `\u001b[${open}m${text}\u001b[${close}m` : text);
}

export const style = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  blue: paint(34, 39),
  cyan: paint(36, 39),
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** Human output: one or more lines on stdout. */
export function say(...lines: string[]): void {
  io().stdout(`${lines.join("\n")}\n`);
}

/** Warnings and progress go to stderr so they never mix with data on stdout. */
export function warn(line: string): void {
  io().stderr(`${style.yellow("warning:")} ${line}\n`);
}

/** The `--json` contract: exactly one JSON document on stdout. */
export function printJson(value: unknown, indent: number | undefined = 2): void {
  io().stdout(`${JSON.stringify(value, null, indent)}\n`);
}
