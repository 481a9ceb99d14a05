/**
 * The hostile suite's ground: a finalized, committed copy of fixtures/mission-tasks made once and
 * copied per case (with its .git), a directory outside the project per case, the compiled binary run
 * with a time limit (a case that does not finish is a hang, not a slow test), and the fingerprint of
 * everything a command could change: the project's files, its git refs, worktrees, config, exclude and
 * attributes, and every file outside.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree, tempDir } from "../../support/fs.ts";
import { git, gitEnv, initRepo } from "../../support/git.ts";
import { BIN, testEnv } from "../../support/run.ts";

export const SLUG = "001-report-tool";
export const MISSION_REL = `kitty-specs/${SLUG}`;
/**
 * The binary under test: dist/spec-kitty, or SPEC_KITTY_HOSTILE_BIN (to measure how an older build
 * fares against the same corpus: `SPEC_KITTY_HOSTILE_BIN=/path/to/old bun test test/e2e/hostile`).
 */
export const BIN_UNDER_TEST = process.env.SPEC_KITTY_HOSTILE_BIN || BIN;
/** Longer than any command here takes on a loaded machine; only a command that blocks reaches it. */
export const HANG_MS = 30_000;

export interface Ctx {
  root: string;
  outside: string;
  /** Absolute path of the mission folder. */
  mission: string;
  /** A temp dir of the case, outside the project, for TMPDIR. */
  tmp: string;
}

let template: string | null = null;

/** Runs the binary under test in `root` for set-up; a failure stops the suite. */
export function setUp(root: string, argv: string[]): void {
  const proc = Bun.spawnSync([BIN_UNDER_TEST, ...argv], { cwd: root, env: testEnv(root, gitEnv()) });
  if (proc.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${proc.stdout}${proc.stderr}`);
}

/**
 * The finalized, committed project every case starts from (built once per test process), with the
 * configured agents' command files and the owned-files manifest in place.
 */
export function templateProject(): string {
  if (template) return template;
  const root = copyFixture("mission-tasks");
  initRepo(root);
  setUp(root, ["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  setUp(root, ["agent", "config", "sync"]);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "finalize tasks, agent files");
  template = root;
  return root;
}

/** A fresh copy of the template (git included) and an empty outside directory. */
export function newCase(): Ctx {
  const base = tempDir("sk-hostile-");
  const root = join(base, "project");
  cpSync(templateProject(), root, { recursive: true, verbatimSymlinks: true });
  const outside = join(base, "outside");
  const tmp = join(base, "tmp");
  mkdirSync(outside);
  mkdirSync(tmp);
  return { root, outside, mission: join(root, MISSION_REL), tmp };
}

const hash = (path: string) =>
  existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : "absent";

/** Everything a command could change in the project: files (not .git internals) and the git state. */
export function fingerprint(root: string): Record<string, unknown> {
  const gitDir = join(root, ".git");
  return {
    files: snapshotTree(root, { skipGit: true }),
    refs: git(root, "for-each-ref", "--format=%(refname) %(objectname)"),
    worktrees: git(root, "worktree", "list", "--porcelain"),
    config: hash(join(gitDir, "config")),
    exclude: hash(join(gitDir, "info", "exclude")),
    attributes: hash(join(gitDir, "info", "attributes")),
  };
}

export type Stdin = string | { file: string } | "open";

export interface Outcome {
  code: number | null;
  output: string;
  hung: boolean;
  ms: number;
}

/** Runs the binary in `cwd`; a run still going after HANG_MS is killed and reported as hung. */
export async function runCase(
  argv: string[],
  cwd: string,
  options: { env?: Record<string, string>; stdin?: Stdin; tmp: string; onSpawn?: (pid: number) => void },
): Promise<Outcome> {
  const stdin =
    options.stdin === undefined
      ? "ignore"
      : options.stdin === "open"
        ? "pipe"
        : typeof options.stdin === "string"
          ? new Blob([options.stdin])
          : Bun.file(options.stdin.file);
  const started = performance.now();
  const proc = Bun.spawn([BIN_UNDER_TEST, ...argv], {
    cwd,
    env: testEnv(cwd, { ...gitEnv(), TMPDIR: options.tmp, ...options.env }),
    stdin,
    stdout: "pipe",
    stderr: "pipe",
  });
  options.onSpawn?.(proc.pid);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    proc.kill("SIGKILL");
  }, HANG_MS);
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  clearTimeout(timer);
  if (options.stdin === "open") (proc.stdin as { end?: () => void } | undefined)?.end?.();
  return { code: hung ? null : code, output: `${stdout}${stderr}`, hung, ms: performance.now() - started };
}
