import { SpecKittyError } from "../core/errors.ts";

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
  /**
   * Width of the terminal stdout writes to, read afresh on every access (it changes on resize); else a
   * positive `$COLUMNS`; else undefined (a pipe or file has no width).
   */
  readonly columns: number | undefined;
  /** This process's id (what `dashboard --json` reports, so a caller can stop it). */
  readonly pid: number;
  /** Reads all of standard input (for `--password-stdin` and friends), within `limits`. */
  readStdin: (limits?: StdinLimits) => Promise<string>;
  /**
   * Runs `handler` on Ctrl-C (SIGINT) or SIGTERM instead of dying, for commands that run until stopped
   * (`dashboard`, `status --watch`) and must clean up first. Returns the function that removes it.
   */
  onStopSignal: (handler: (signal: StopSignal) => void) => () => void;
  /** Runs `handler` when the terminal is resized (SIGWINCH). Returns the function that removes it. */
  onResize: (handler: () => void) => () => void;
}

export interface StdinLimits {
  /** More than this many bytes is an error (INPUT_TOO_LARGE): /dev/zero must not exhaust memory. */
  maxBytes: number;
  /** No end of input after this long is an error (STDIN_TIMEOUT): a pipe that never closes must not hang. */
  timeoutMs: number;
}

/**
 * Standard input read in chunks, up to `limits` (size, then time), as UTF-8 text. Without limits it
 * reads everything, as before.
 */
async function readStdinBounded(limits?: StdinLimits): Promise<string> {
  if (!limits) return Bun.stdin.text();
  const reader = Bun.stdin.stream().getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SpecKittyError(
            "STDIN_TIMEOUT",
            `standard input did not end within ${limits.timeoutMs / 1000}s`,
            {
              fix: "pipe the value in and close the pipe, e.g. `printf '%s' \"$VALUE\" | spec-kitty …`",
            },
          ),
        ),
      limits.timeoutMs,
    );
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      size += value.length;
      if (size > limits.maxBytes) {
        throw new SpecKittyError(
          "INPUT_TOO_LARGE",
          `standard input is larger than ${limits.maxBytes} bytes`,
          {
            fix: "pipe in the value only (a password, a token), not a file or a device",
          },
        );
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export type StopSignal = "SIGINT" | "SIGTERM";

/** A positive whole `$COLUMNS`, or undefined. */
export function columnsFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = Number(env.COLUMNS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
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
    get stdinIsTTY() {
      stdinTTY ??= isTerminal(0);
      return stdinTTY;
    },
    get columns() {
      // process.stdout is only touched when a width is asked for (its set-up costs start-up time).
      const width = this.stdoutIsTTY ? process.stdout.columns : undefined;
      return typeof width === "number" && width > 0 ? width : columnsFromEnv(process.env);
    },
    pid: process.pid,
    readStdin: readStdinBounded,
    onStopSignal: (handler) => {
      const listener = (signal: NodeJS.Signals) => handler(signal as StopSignal);
      process.on("SIGINT", listener);
      process.on("SIGTERM", listener);
      return () => {
        process.off("SIGINT", listener);
        process.off("SIGTERM", listener);
      };
    },
    onResize: (handler) => {
      process.on("SIGWINCH", handler);
      return () => process.off("SIGWINCH", handler);
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

/** Resolves on the first Ctrl-C or SIGTERM (for commands that run until stopped). */
export function untilStopSignal(): Promise<StopSignal> {
  return new Promise((resolve) => {
    const off = io().onStopSignal((signal) => {
      off();
      resolve(signal);
    });
  });
}
