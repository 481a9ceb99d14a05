/** Running spec-kitty in tests: the compiled binary (end-to-end) or in process (command tests). */
import { join } from "node:path";
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
export async function runInProcess(args: string[], options: RunOptions): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(root, args, {
    cwd: options.cwd,
    env: testEnv(options.cwd, options.env),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stdinIsTTY: false,
    readStdin: async () => options.stdin ?? "",
  });
  return { code, stdout, stderr };
}
