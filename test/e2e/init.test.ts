/** `spec-kitty init` end to end: the compiled binary in temp directories, with real git where it matters. */
import { describe, expect, test } from "bun:test";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { listFiles, snapshotTree, tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";
import { BIN, type RunResult, runBin, testEnv } from "../support/run.ts";
import { runInTerminal, type TerminalStep } from "../support/terminal.ts";

const COMMANDS = [
  "specify",
  "plan",
  "tasks",
  "next",
  "implement",
  "review",
  "accept",
  "merge",
  "status",
  "dashboard",
  "charter",
  "research",
  "analyze",
  "checklist",
];
const COMMON = [
  ".kittify/config.yaml",
  ".kittify/metadata.yaml",
  ".kittify/owned-files.json",
  ".kittify/templates/plan-template.md",
  ".kittify/templates/spec-template.md",
  ".kittify/templates/task-prompt-template.md",
  ".kittify/templates/tasks-template.md",
];
/**
 * Written out independently of src/core/agents.ts so a change there must be deliberate. `skill` means
 * one folder per command holding SKILL.md (codex, vibe, pi, letta).
 */
const LAYOUT: Record<string, [dir: string, ext: string]> = {
  copilot: [".github/prompts", "prompt.md"],
  claude: [".claude/commands", "md"],
  gemini: [".gemini/commands", "toml"],
  cursor: [".cursor/commands", "md"],
  qwen: [".qwen/commands", "toml"],
  opencode: [".opencode/command", "md"],
  codex: [".agents/skills", "skill"],
  windsurf: [".windsurf/workflows", "md"],
  kilocode: [".kilocode/workflows", "md"],
  auggie: [".augment/commands", "md"],
  roo: [".roo/commands", "md"],
  q: [".amazonq/prompts", "md"],
  kiro: [".kiro/prompts", "md"],
  antigravity: [".agent/workflows", "md"],
  vibe: [".vibe/skills", "skill"],
  pi: [".agents/skills", "skill"],
  letta: [".agents/skills", "skill"],
};
const expectedFiles = (...keys: string[]) => [
  ...new Set(
    [
      ...COMMON,
      ...keys.flatMap((key) => {
        const [dir, ext] = LAYOUT[key] as [string, string];
        return COMMANDS.map((cmd) =>
          ext === "skill" ? `${dir}/spec-kitty.${cmd}/SKILL.md` : `${dir}/spec-kitty.${cmd}.${ext}`,
        );
      }),
    ].sort(),
  ),
];

/** A parent dir holding the project and an empty HOME, so "nothing outside the target" is checkable. */
function sandbox(): { root: string; home: string } {
  const root = tempDir();
  const home = join(root, "home");
  mkdirSync(home);
  return { root, home };
}

const init = (cwd: string, home: string, ...args: string[]) =>
  runBin(["init", ...args], { cwd, env: { HOME: home } });

/** As root, permissions do not stop writes; run the binary as `nobody` so read-only dirs mean something. */
async function runAsUser(args: string[], cwd: string): Promise<RunResult> {
  const asNobody = process.getuid?.() === 0;
  const argv = asNobody
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BIN, ...args]
    : [BIN, ...args];
  const proc = Bun.spawn(argv, { cwd, env: testEnv(cwd), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { code, stdout, stderr };
}

/** A directory the test user (nobody, when we are root) owns and may search. */
function userDir(): string {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  return dir;
}

describe("init (compiled binary)", () => {
  test("creates exactly the documented files per agent, for all 17, and nothing else anywhere", async () => {
    for (const key of Object.keys(LAYOUT)) {
      const { root, home } = sandbox();
      const r = await init(root, home, "demo", "--ai", key, "--non-interactive");
      expect(r.code).toBe(0);
      expect(listFiles(join(root, "demo"))).toEqual(expectedFiles(key));
      expect(readdirSync(root).sort()).toEqual(["demo", "home"]);
      expect(readdirSync(home)).toEqual([]);
      expect(existsSync(join(root, "demo", ".git"))).toBe(false);
      // .agents/ is only the skills root of codex, pi and letta: `--ai claude` alone creates none.
      expect(existsSync(join(root, "demo", ".agents"))).toBe(LAYOUT[key]?.[0] === ".agents/skills");
      expect(existsSync(join(root, "demo", ".codex"))).toBe(false);
    }
  });

  test("a nested NAME is created with no .git at any level", async () => {
    const { root, home } = sandbox();
    const r = await init(root, home, "a/b/c", "--ai", "claude,codex,gemini");
    expect(r.code).toBe(0);
    expect(listFiles(join(root, "a"))).toEqual(
      expectedFiles("claude", "codex", "gemini").map((f) => `b/c/${f}`),
    );
    for (const dir of ["a", "a/b", "a/b/c"]) expect(existsSync(join(root, dir, ".git"))).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });

  test("TOML command files parse; Markdown ones name the agent", async () => {
    const { root, home } = sandbox();
    expect((await init(root, home, "--ai", "qwen,codex")).code).toBe(0);
    const toml = parseToml(readFileSync(join(root, ".qwen/commands/spec-kitty.implement.toml"), "utf8"));
    expect(String(toml.prompt)).toContain("spec-kitty agent action implement <WP> --agent qwen");
    const md = readFileSync(join(root, ".qwen/commands/spec-kitty.plan.toml"), "utf8");
    expect(md.startsWith("# spec-kitty-command-version: ")).toBe(true);
    const skill = readFileSync(join(root, ".agents/skills/spec-kitty.implement/SKILL.md"), "utf8");
    expect(skill.startsWith("---\nname: spec-kitty.implement\ndescription: ")).toBe(true);
    expect(skill).toContain("spec-kitty agent action implement <WP> --agent codex");
  });

  test("two runs into two empty dirs give the same paths and bytes, except metadata timestamps", async () => {
    const all = Object.keys(LAYOUT).join(",");
    const a = sandbox();
    const b = sandbox();
    expect((await init(a.root, a.home, "p", "--ai", all)).code).toBe(0);
    expect((await init(b.root, b.home, "p", "--ai", all)).code).toBe(0);
    const sa = snapshotTree(join(a.root, "p"));
    const sb = snapshotTree(join(b.root, "p"));
    expect(Object.keys(sa)).toEqual(Object.keys(sb));
    const differ = Object.keys(sa).filter((path) => sa[path] !== sb[path]);
    expect(differ.every((path) => path === ".kittify/metadata.yaml")).toBe(true);
    const strip = (root: string) =>
      readFileSync(join(root, "p/.kittify/metadata.yaml"), "utf8").replace(/initialized_at: .*/, "");
    expect(strip(a.root)).toBe(strip(b.root));
  });

  test("re-run is idempotent; other agents exit 1 and change nothing", async () => {
    const { root, home } = sandbox();
    expect((await init(root, home, "--ai", "codex")).code).toBe(0);
    const before = snapshotTree(root);
    const same = await init(root, home, "--ai", "codex");
    expect(same.code).toBe(0);
    expect(same.stdout.toLowerCase()).toContain("already initialized");
    const other = await init(root, home, "--ai", "claude,codex");
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("[codex]");
    expect(other.stderr).toContain("[claude, codex]");
    expect(snapshotTree(root)).toEqual(before);
  });

  test("inside an existing git repo: HEAD, branch, index and existing files untouched", async () => {
    const { root, home } = sandbox();
    const repo = join(root, "repo");
    mkdirSync(repo);
    writeFileSync(join(repo, "README.md"), "# mine\n");
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    writeFileSync(join(repo, ".gitattributes"), "* text=auto\n");
    initRepo(repo);
    const head = git(repo, "rev-parse", "HEAD");
    const before = snapshotTree(repo);
    const r = await init(repo, home, "--ai", "codex,claude");
    expect(r.code).toBe(0);
    expect(git(repo, "rev-parse", "HEAD")).toBe(head);
    expect(git(repo, "branch", "--show-current")).toBe("main");
    expect(git(repo, "rev-list", "--count", "HEAD")).toBe("1");
    expect(git(repo, "diff", "--cached", "--name-only")).toBe("");
    const status = git(repo, "status", "--porcelain", "--untracked-files=all").split("\n");
    expect(status.every((line) => line.startsWith("?? "))).toBe(true);
    expect(status.map((line) => line.slice(3)).sort()).toEqual(expectedFiles("claude", "codex"));
    const after = snapshotTree(repo);
    for (const [path, hash] of Object.entries(before)) expect(after[path]).toBe(hash);
    expect(git(repo, "log", "--format=%s")).toBe("initial");
  });

  test("never runs git: works with no git on PATH, and a git on PATH is never called", async () => {
    const { root, home } = sandbox();
    const noGit = join(root, "empty-bin");
    mkdirSync(noGit);
    const r = await runBin(["init", "x", "--ai", "codex"], { cwd: root, env: { HOME: home, PATH: noGit } });
    expect(r.code).toBe(0);
    expect(listFiles(join(root, "x"))).toEqual(expectedFiles("codex"));

    const spyBin = join(root, "spy-bin");
    mkdirSync(spyBin);
    const marker = join(root, "git-was-called");
    writeFileSync(join(spyBin, "git"), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    const spied = await runBin(["init", "y", "--ai", "codex"], {
      cwd: root,
      env: { HOME: home, PATH: `${spyBin}:/usr/bin:/bin` },
    });
    expect(spied.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  test("a symlink inside the target that points outside is refused before anything is written", async () => {
    const { root, home } = sandbox();
    const project = join(root, "project");
    const outside = join(root, "outside");
    mkdirSync(project);
    mkdirSync(outside);
    symlinkSync(outside, join(project, ".claude"));
    const r = await init(project, home, "--ai", "codex,claude");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("symlink");
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(project)).toEqual([".claude"]);
  });

  test("a read-only parent directory: exit 1, clear message, nothing created", async () => {
    const parent = userDir();
    chmodSync(parent, 0o555);
    const r = await runAsUser(["init", "demo", "--ai", "codex"], parent);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("permission denied");
    expect(readdirSync(parent)).toEqual([]);
  });

  test("a write failing midway removes everything this run created", async () => {
    const project = userDir();
    writeFileSync(join(project, "keep.txt"), "keep");
    mkdirSync(join(project, ".claude"), { mode: 0o555 });
    if (process.getuid?.() === 0) chownSync(join(project, ".claude"), 65534, 65534);
    chmodSync(join(project, ".claude"), 0o555);
    const before = snapshotTree(project);
    const r = await runAsUser(["init", "--ai", "codex,claude"], project);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".claude");
    expect(snapshotTree(project)).toEqual(before);
    expect(readdirSync(project).sort()).toEqual([".claude", "keep.txt"]);
  });

  test("a name with spaces and non-ASCII letters works", async () => {
    const { root, home } = sandbox();
    const name = "my prøject ünïcode";
    const r = await init(root, home, name, "--ai", "cursor");
    expect(r.code).toBe(0);
    expect(listFiles(join(root, name))).toEqual(expectedFiles("cursor"));
    expect(r.stdout).toContain(`cd "${name}"`);
  });

  test("--dry-run --json writes nothing and lists exactly what a real run creates", async () => {
    const { root, home } = sandbox();
    const dry = await init(root, home, "demo", "--ai", "claude,gemini", "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(readdirSync(root)).toEqual(["home"]);
    const planned = JSON.parse(dry.stdout).files as string[];
    const real = await init(root, home, "demo", "--ai", "claude,gemini", "--json");
    const doc = JSON.parse(real.stdout);
    expect(doc.result).toBe("initialized");
    expect(planned).toEqual(doc.files);
    expect([...planned].sort()).toEqual(listFiles(join(root, "demo")));
  });

  test("usage and input errors", async () => {
    const { root, home } = sandbox();
    for (const flag of ["--no-git", "--here", "--force"]) {
      const r = await init(root, home, "d", "--ai", "codex", flag);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
    }
    expect((await init(root, home, "d", "--ai", "nope")).code).toBe(1);
    expect((await init(root, home, "d", "--ai", "")).code).toBe(1);
    expect((await init(root, home, "d", "--ai", ",;")).code).toBe(1);
    expect((await init(root, home, "d")).code).toBe(1);
    writeFileSync(join(root, "afile"), "x");
    expect((await init(root, home, "afile", "--ai", "codex")).code).toBe(1);
    expect(readdirSync(root).sort()).toEqual(["afile", "home"]);
  });
});

/** `init demo` in a pseudo-terminal sized so the prompt is not wrapped (see test/support/terminal.ts). */
function initInTerminal(cwd: string, steps: TerminalStep[]): Promise<{ code: number; output: string }> {
  return runInTerminal(cwd, "init demo", steps, { cols: 120, rows: 40 });
}

describe.skipIf(!Bun.which("script"))("init: the interactive picker (real terminal)", () => {
  test("space selects the highlighted agent, enter confirms", async () => {
    const cwd = tempDir();
    const r = await initInTerminal(cwd, [
      { after: "Which AI agents", keys: " " },
      { after: "◼", keys: "\r" },
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "demo/.kittify/config.yaml"), "utf8")).toContain(
      "available:\n    - copilot\n",
    );
    expect(listFiles(join(cwd, "demo"))).toEqual(expectedFiles("copilot"));
  });

  test("ctrl-c cancels: exit 1, nothing written", async () => {
    const cwd = tempDir();
    const r = await initInTerminal(cwd, [{ after: "Which AI agents", keys: "\u0003" }]);
    expect(r.code).toBe(1);
    expect(r.output).toContain("cancelled");
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("init: text that must never ship", () => {
  const srcRoot = join(import.meta.dir, "..", "..", "src");

  test("no 'Initial commit from Specify template' under src/", () => {
    const hits = listFiles(srcRoot).filter((file) =>
      readFileSync(join(srcRoot, file), "utf8").includes("Initial commit from Specify template"),
    );
    expect(hits).toEqual([]);
  });

  test("no generated file, template or output teaches top-level `spec-kitty implement WP`", async () => {
    const { root, home } = sandbox();
    const r = await init(root, home, "--ai", Object.keys(LAYOUT).join(","));
    const help = await init(root, home, "--help");
    const texts = [
      r.stdout,
      help.stdout,
      ...listFiles(root).map((file) => readFileSync(join(root, file), "utf8")),
      ...listFiles(join(srcRoot, "templates")).map((file) =>
        readFileSync(join(srcRoot, "templates", file), "utf8"),
      ),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(text).not.toMatch(/spec-kitty implement\s+(WP|<WP>)/);
  });
});
