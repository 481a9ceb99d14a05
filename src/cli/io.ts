/**
 * The process surface a command may touch: cwd, env, the two output streams and TTY facts.
 * `bin.ts` installs the real process; in-process command tests install their own, so command code
 * never reads `process.*` directly and tests never need to chdir or capture globals.
 */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  /** Terminal width for live views (undefined when unknown). */
  readonly columns?: number;
  /** Reads all of standard input (for `--password-stdin` and friends). */
  readStdin: () => Promise<string>;
  /**
   * Calls `handler` on each delivery of `signal` instead of the default action; returns the undo.
   * Optional: in-process tests deliver no signals.
   */
  onSignal?: (signal: "SIGINT" | "SIGTERM", handler: () => void) => () => void;
}

/**
 * Whether fd is a terminal, computed on first use. A pipe or file answers from fstat alone; only a
 * character device (a TTY, or /dev/null) pays for node:tty, which costs ~14 ms of start-up. `require`
 * (not import) keeps both modules out of the start-up path of commands that never ask.
 */
function isTerminal(fd: number): boolean {
  const { fstatSync } = require("node:fs") as typeof import("node:fs");
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  const { isatty } = require("node:tty") as typeof import("node:tty");
  return isatty(fd);
}

/**
 * console.log/console.error write synchronously and start far cheaper than process.stdout, whose stream
 * setup costs ~20 ms; given one string they print it verbatim (no format expansion).
 */
function writer(log: (text: string) => void, stream: () => NodeJS.WriteStream) {
  return (text: string): void => {
    if (text.endsWith("\n")) log(text.slice(0, -1));
    else stream().write(text);
  };
}

export function processIO(): CliIO {
  let stdoutTTY: boolean | undefined;
  let stdinTTY: boolean | undefined;
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: writer(console.log, () => process.stdout),
    stderr: writer(console.error, () => process.stderr),
    get stdoutIsTTY() {
      stdoutTTY ??= isTerminal(1);
      return stdoutTTY;
    },
    get columns() {
      return process.stdout.columns;
    },
    get stdinIsTTY() {
      stdinTTY ??= isTerminal(0);
      return stdinTTY;
    },
    readStdin: () => Bun.stdin.text(),
    onSignal: (signal, handler) => {
      process.on(signal, handler);
      return () => void process.off(signal, handler);
    },
  };
}

let current: CliIO | undefined;

export function setIO(io: CliIO): void {
  current = io;
}

export function io(): CliIO {
  if (!current) throw new Error("CLI IO used before runCli installed it");
  return current;
}
