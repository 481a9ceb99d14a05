/**
 * The one error family. Core code throws these; the CLI boundary (src/cli/boundary.ts) is the only
 * place that turns them into text, JSON and exit codes.
 */
export type ExitCode = 1 | 2;

export interface ErrorOptions {
  /** One line the user can act on ("run `spec-kitty init --ai codex`"). */
  fix?: string;
  /** Extra machine-readable facts, included in `--json` error output. */
  details?: Record<string, unknown>;
  exitCode?: ExitCode;
  cause?: unknown;
}

export class SpecKittyError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly fix: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SpecKittyError";
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
    this.fix = options.fix;
    this.details = options.details;
  }
}

/** Bad command line: unknown flag, missing or malformed argument. Exit 2. */
export class UsageError extends SpecKittyError {
  constructor(message: string, fix?: string) {
    super("USAGE", message, { exitCode: 2, fix });
    this.name = "UsageError";
  }
}

/** A file on disk that does not parse or does not match its schema. Names the file (and line). */
export class InvalidFileError extends SpecKittyError {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, problem: string, options: ErrorOptions & { line?: number } = {}) {
    const where = options.line === undefined ? file : `${file} line ${options.line}`;
    super("INVALID_FILE", `${where}: ${problem}`, {
      ...options,
      details: { file, line: options.line, ...options.details },
    });
    this.name = "InvalidFileError";
    this.file = file;
    this.line = options.line;
  }
}

export function isSpecKittyError(value: unknown): value is SpecKittyError {
  return value instanceof SpecKittyError;
}
