/**
 * The one way to run git. Every call is synchronous (git is fast for what we ask, and sync keeps
 * callers simple), never inherits a terminal, and never prompts.
 */
import { SpecKittyError } from "../errors.ts";

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  /** Environment for git; defaults to the current process environment. */
  env?: Record<string, string | undefined>;
}

/** git could not be started at all (not installed / not on PATH). */
export class GitMissingError extends SpecKittyError {
  constructor() {
    super("GIT_MISSING", "git is not installed or not on PATH", {
      fix: "install git (https://git-scm.com) and make sure `git --version` works",
    });
  }
}

/** A git command exited non-zero. `stderr` is kept for callers that want to show it. */
export class GitCommandError extends SpecKittyError {
  readonly stderr: string;
  constructor(args: string[], result: GitResult) {
    const firstLine = result.stderr.trim().split("\n")[0] ?? "";
    super("GIT_FAILED", `git ${args.join(" ")} failed (exit ${result.code}): ${firstLine}`, {
      fix: "check the repository state with `git status` and retry",
      details: { args, exit_code: result.code, stderr: result.stderr },
    });
    this.stderr = result.stderr;
  }
}

function cleanEnv(env: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!env) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  // Never block on a credential or editor prompt: spec-kitty runs unattended under agents.
  out.GIT_TERMINAL_PROMPT = "0";
  return out;
}

/** Runs git and returns its result whatever the exit code. Throws GitMissingError if git can't start. */
export function runGit(cwd: string, args: string[], options: GitOptions = {}): GitResult {
  let proc: ReturnType<typeof Bun.spawnSync>;
  try {
    proc = Bun.spawnSync(["git", ...args], {
      cwd,
      env: cleanEnv(options.env),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
  } catch {
    throw new GitMissingError();
  }
  return {
    code: proc.exitCode ?? 1,
    stdout: proc.stdout?.toString() ?? "",
    stderr: proc.stderr?.toString() ?? "",
  };
}

/** Runs git, returns trimmed stdout, throws GitCommandError on a non-zero exit. */
export function git(cwd: string, args: string[], options: GitOptions = {}): string {
  const result = runGit(cwd, args, options);
  if (result.code !== 0) throw new GitCommandError(args, result);
  return result.stdout.trim();
}
