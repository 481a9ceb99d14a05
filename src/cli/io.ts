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
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Reads all of standard input (for `--password-stdin` and friends). */
  readStdin: () => Promise<string>;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readStdin: () => Bun.stdin.text(),
  };
}

let current: CliIO | undefined;

export function setIO(io: CliIO): void {
  current = io;
}

export function io(): CliIO {
  if (!current) current = processIO();
  return current;
}
