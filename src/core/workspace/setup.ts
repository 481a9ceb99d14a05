/**
 * Worktree setup from `.kittify/config.yaml`:
 *
 *   worktrees:
 *     setup:
 *       link: [node_modules]   # symlinked from the main checkout
 *       copy: [.env]           # copied from the main checkout
 *       run: ["bun install"]   # run in the new worktree (sh -c), in order
 *
 * Applied only when a lane worktree is CREATED, so a fresh worktree is ready to build and test. A
 * failing step is reported (which step, exit code, stderr tail) and the worktree is kept.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname } from "node:path";
import { readProjectConfig, type WorktreeSetup } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { resolveInside } from "../fs/safe-path.ts";
import type { GitOptions } from "../git/run.ts";

export interface SetupReport {
  linked: string[];
  copied: string[];
  ran: { command: string; exit_code: number }[];
  /** Paths not linked/copied, with why (missing in the main checkout, already in the worktree). */
  skipped: { path: string; reason: string }[];
}

const EMPTY: WorktreeSetup = { link: [], copy: [], run: [] };

export function worktreeSetupConfig(root: string): WorktreeSetup {
  return readProjectConfig(root)?.worktreeSetup ?? EMPTY;
}

/** Paths setup places in a worktree; they never count as uncommitted work there. */
export function setupPaths(setup: WorktreeSetup): string[] {
  return [...setup.link, ...setup.copy];
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function failed(worktree: string, step: string, message: string, details: Record<string, unknown>): never {
  throw new SpecKittyError("WORKTREE_SETUP_FAILED", `worktree setup step ${step} failed: ${message}`, {
    fix: `the worktree ${worktree} was kept; fix the problem, finish that step there by hand, then re-run (the worktree is reused)`,
    details: { worktree, step, ...details },
  });
}

/** `setup` is read by the caller before it creates anything (a broken config must leave nothing behind). */
export function applyWorktreeSetup(
  root: string,
  worktree: string,
  setup: WorktreeSetup,
  options: GitOptions = {},
): SetupReport {
  const report: SetupReport = { linked: [], copied: [], ran: [], skipped: [] };
  const place = (kind: "link" | "copy", rel: string) => {
    // Both ends must stay inside the project: a config entry like `../secrets` is refused.
    const source = resolveInside(root, rel);
    const target = resolveInside(worktree, rel);
    if (!existsSync(source))
      return void report.skipped.push({ path: rel, reason: "not in the main checkout" });
    if (exists(target)) return void report.skipped.push({ path: rel, reason: "already in the worktree" });
    try {
      mkdirSync(dirname(target), { recursive: true });
      if (kind === "link") symlinkSync(source, target);
      else cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    } catch (error) {
      failed(worktree, `${kind} ${rel}`, (error as Error).message, { path: rel });
    }
    (kind === "link" ? report.linked : report.copied).push(rel);
  };
  for (const rel of setup.link) place("link", rel);
  for (const rel of setup.copy) place("copy", rel);
  setup.run.forEach((command, index) => {
    // Commands pass the CLI's env; without one the child inherits ours (as git does).
    const env = options.env
      ? Object.fromEntries(
          Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined),
        )
      : undefined;
    const proc = Bun.spawnSync(["sh", "-c", command], {
      cwd: worktree,
      env,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const code = proc.exitCode ?? 1;
    report.ran.push({ command, exit_code: code });
    if (code !== 0) {
      const stderr = tail(proc.stderr.toString() || proc.stdout.toString());
      failed(
        worktree,
        `run[${index}] \`${command}\``,
        `exit code ${code}${stderr ? `; stderr: ${stderr.split("\n").at(-1)}` : ""}`,
        {
          command,
          exit_code: code,
          stderr_tail: stderr,
        },
      );
    }
  });
  return report;
}
