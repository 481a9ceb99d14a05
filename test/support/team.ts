/**
 * A team in temp dirs: a bare remote and one clone per person, each person with their own HOME (and
 * so their own `~/.gitconfig`: name, e-mail) running the compiled binary from PATH, as git runs the
 * merge drivers. Every command a clone runs is recorded (`Team.ran`), so a test can check that each
 * command the README's "Working as a team" section shows was really exercised.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { copyFixture, tempDir } from "./fs.ts";
import { BIN, type RunResult } from "./run.ts";

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Clone {
  name: string;
  email: string;
  dir: string;
  env: Record<string, string>;
  /** `spec-kitty …` from PATH in `cwd` (default: the clone). */
  sk(args: string[], cwd?: string): Promise<RunResult>;
  /** `sk` that must exit 0; the parsed document when `--json` was passed. */
  ok(args: string[], cwd?: string): Promise<Record<string, unknown>>;
  /** git in the clone (or `cwd`), whatever its exit code. */
  run(args: string[], cwd?: string): GitRun;
  /** git that must succeed; its trimmed stdout. */
  git(...args: string[]): string;
  /** Commits spec-kitty's files of the main checkout (what the README says to commit). */
  commitStatus(message: string): void;
  /** `git pull --no-rebase` or `--rebase`; the result (a conflict is a non-zero exit). */
  pull(mode: "merge" | "rebase"): GitRun;
  /** `git pull` (in `mode`), then `git push`: what the README says to do after committing. */
  sync(mode: "merge" | "rebase"): { pulls: GitRun[] };
}

export interface Team {
  remote: string;
  base: string;
  clones: Record<string, Clone>;
  /** Every command line run through the clones (`spec-kitty …`, `git …`), in order. */
  ran: string[];
  /** Every pull made, and whether git reported a conflict. */
  pulls: { clone: string; mode: string; code: number; conflicted: string[] }[];
  /** A clone of the remote (or of `remote`) for a new person (their own HOME and identity). */
  join(name: string, remote?: string): Clone;
  /** A copy of the remote as it is now (a bare repository of its own), to replay from. */
  snapshotRemote(): string;
}

const BIN_DIR = dirname(BIN);

function spawnGit(cwd: string, args: string[], env: Record<string, string>): GitRun {
  const proc = Bun.spawnSync(["git", ...args], { cwd, env, stdin: "ignore" });
  return { code: proc.exitCode ?? 1, stdout: proc.stdout.toString(), stderr: proc.stderr.toString() };
}

/** A person's environment: their HOME (git identity there), spec-kitty first on PATH, nothing inherited. */
function personEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${BIN_DIR}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    TMPDIR: process.env.TMPDIR ?? "/tmp",
    // Merge commits of `git pull --no-rebase` take git's message; nothing waits on an editor.
    GIT_MERGE_AUTOEDIT: "no",
    GIT_EDITOR: "true",
    ...extra,
  };
}

function makeHome(base: string, name: string, email: string): string {
  const home = join(base, "homes", name);
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, ".gitconfig"),
    `[user]\n\tname = ${name}\n\temail = ${email}\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n`,
  );
  return home;
}

function cloneFor(team: Team, name: string, dir: string, env: Record<string, string>): Clone {
  const record = (line: string) => team.ran.push(line);
  const run = (args: string[], cwd = dir): GitRun => {
    record(["git", ...(cwd === dir ? [] : ["-C", cwd]), ...args].join(" "));
    return spawnGit(cwd, args, env);
  };
  const gitOk = (...args: string[]): string => {
    const r = run(args);
    if (r.code !== 0) throw new Error(`[${name}] git ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
    return r.stdout.trim();
  };
  const sk = async (args: string[], cwd = dir): Promise<RunResult> => {
    record(["spec-kitty", ...args].join(" "));
    const proc = Bun.spawn(["spec-kitty", ...args], {
      cwd,
      env,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { code, stdout, stderr };
  };
  const clone: Clone = {
    name,
    email: `${name}@example.com`,
    dir,
    env,
    sk,
    async ok(args, cwd) {
      const r = await sk(args, cwd);
      if (r.code !== 0)
        throw new Error(`[${name}] spec-kitty ${args.join(" ")} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return args.includes("--json")
        ? (JSON.parse(r.stdout) as Record<string, unknown>)
        : { stdout: r.stdout };
    },
    run,
    git: gitOk,
    commitStatus(message) {
      gitOk("add", "kitty-specs");
      if (spawnGit(dir, ["diff", "--cached", "--quiet"], env).code !== 0) gitOk("commit", "-m", message);
    },
    pull(mode) {
      const r = run(["pull", mode === "rebase" ? "--rebase" : "--no-rebase"]);
      const conflicted = spawnGit(dir, ["diff", "--name-only", "--diff-filter=U"], env)
        .stdout.split("\n")
        .filter(Boolean);
      team.pulls.push({ clone: name, mode, code: r.code, conflicted });
      return r;
    },
    sync(mode) {
      // As the README says: pull, then push.
      const pulled = clone.pull(mode);
      if (pulled.code !== 0)
        throw new Error(`[${name}] git pull (${mode}) failed: ${pulled.stderr}${pulled.stdout}`);
      const pushed = run(["push"]);
      if (pushed.code !== 0) throw new Error(`[${name}] git push failed: ${pushed.stderr}`);
      return { pulls: [pulled] };
    },
  };
  return clone;
}

export interface TeamOptions {
  /** Extra lines for the seed project's .kittify/config.yaml. */
  config?: string;
  /** Runs in the seed checkout before its first push (e.g. finalize-tasks). */
  seed?: (dir: string, sk: (args: string[]) => Promise<RunResult>) => Promise<void>;
}

/**
 * The `mission-tasks` fixture, committed and pushed to a fresh bare remote by a "seed" person, then
 * cloned once per name in `people` (each with their own HOME, git identity and clone directory).
 */
export async function teamProject(people: string[], options: TeamOptions = {}): Promise<Team> {
  const base = tempDir("sk-team-");
  const remote = join(base, "remote.git");
  const seedHome = makeHome(base, "seed", "seed@example.com");
  const seedEnv = personEnv(seedHome);
  const seed = copyFixture("mission-tasks");
  if (options.config) {
    const path = join(seed, ".kittify", "config.yaml");
    writeFileSync(path, `${readFileSync(path, "utf8")}${options.config}`);
  }
  const must = (cwd: string, ...args: string[]) => {
    const r = spawnGit(cwd, args, seedEnv);
    if (r.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  };
  must(base, "init", "-q", "--bare", "-b", "main", remote);
  must(seed, "init", "-q", "-b", "main");
  const sk = async (args: string[]): Promise<RunResult> => {
    const proc = Bun.spawn(["spec-kitty", ...args], {
      cwd: seed,
      env: seedEnv,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { code, stdout, stderr };
  };
  await options.seed?.(seed, sk);
  must(seed, "add", "-A");
  must(seed, "commit", "-q", "-m", "the project, its mission and its tasks");
  must(seed, "remote", "add", "origin", remote);
  must(seed, "push", "-q", "-u", "origin", "main");
  const team: Team = {
    remote,
    base,
    clones: {},
    ran: [],
    pulls: [],
    join(name, from = remote) {
      const home = makeHome(base, name, `${name}@example.com`);
      const env = personEnv(home);
      const dir = mkdtempSync(join(base, `${name}-`));
      const r = spawnGit(base, ["clone", "-q", from, dir], env);
      if (r.code !== 0) throw new Error(`git clone for ${name} failed: ${r.stderr}`);
      const clone = cloneFor(team, name, dir, env);
      team.clones[name] = clone;
      return clone;
    },
    snapshotRemote() {
      const copy = join(mkdtempSync(join(base, "remote-copy-")), "remote.git");
      cpSync(remote, copy, { recursive: true });
      return copy;
    },
  };
  for (const name of people) team.join(name);
  return team;
}

/** Every `event_id` in `path` of every commit of every ref of the repository at `dir`. */
export function eventIdsEverCommitted(dir: string, path: string): Set<string> {
  const env = personEnv(join(dir, ".."));
  const ids = new Set<string>();
  const commits = spawnGit(dir, ["rev-list", "--all"], env).stdout.split("\n").filter(Boolean);
  for (const commit of commits) {
    const shown = spawnGit(dir, ["show", `${commit}:${path}`], env);
    if (shown.code !== 0) continue;
    for (const line of shown.stdout.split("\n")) {
      const id = /"event_id": "([^"]+)"/.exec(line)?.[1];
      if (id) ids.add(id);
    }
  }
  return ids;
}

/** The event ids of one log text. */
export function eventIdsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/"event_id": "([^"]+)"/g)].map((m) => m[1] as string));
}
