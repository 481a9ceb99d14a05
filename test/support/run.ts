/** Running spec-kitty in tests: the compiled binary (end-to-end) or in process (command tests). */
import { join } from "node:path";
import { columnsFromEnv, type StopSignal } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/main.ts";
import root from "../../src/commands/index.ts";

export const BIN = join(import.meta.dir, "..", "..", "dist", "spec-kitty");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  stdin?: string;
}

/** In-process runs only: a terminal to draw on, and a way to stop a command that runs until stopped. */
export interface InProcessOptions extends RunOptions {
  /** Pretend stdout is a terminal `columns` wide (default: a pipe, no width). */
  terminal?: { columns: number };
  /** When this resolves, the command gets SIGINT, as if Ctrl-C were pressed. */
  stop?: Promise<unknown>;
  /** Called with everything written to stdout so far, after every write (to wait for output). */
  onStdout?: (stdout: string) => void;
}

/** A clean, deterministic environment: no colour, no user HOME, nothing inherited that changes output. */
export function testEnv(cwd: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: join(cwd, "..", ".home-unused"),
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    // The run's own temp root (test/support/preload.ts): whatever a spawned process puts in its temp
    // dir is removed with the run.
    TMPDIR: process.env.TMPDIR ?? "/tmp",
  };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs the compiled binary. */
export async function runBin(args: string[], options: RunOptions): Promise<RunResult> {
  const proc = Bun.spawn([BIN, ...args], {
    cwd: options.cwd,
    env: testEnv(options.cwd, options.env),
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, stdout, stderr };
}

/** Runs the CLI in this process with captured output (command-layer tests). */
export async function runInProcess(args: string[], options: InProcessOptions): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const env = testEnv(options.cwd, options.env);
  const code = await runCli(root, args, {
    cwd: options.cwd,
    env,
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(stdout);
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: options.terminal !== undefined,
    stdinIsTTY: false,
    columns: options.terminal?.columns ?? columnsFromEnv(env),
    pid: process.pid,
    readStdin: async () => options.stdin ?? "",
    onStopSignal: (handler: (signal: StopSignal) => void) => {
      let active = true;
      options.stop?.then(() => active && handler("SIGINT"));
      return () => {
        active = false;
      };
    },
    onResize: () => () => {},
  });
  return { code, stdout, stderr };
}
