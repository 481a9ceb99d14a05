/**
 * The hostile corpus, as data: each case plants something in (or next to) a finalized project, runs
 * one command of the compiled binary, and states the exit code and what the error must name. The
 * suite (refusals.test.ts) asserts for every case: that exit code, the name in the output, no internal
 * error, no hang, and not one byte changed inside the project (files and git state) or outside it.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type Ctx, MISSION_REL, SLUG, type Stdin } from "./harness.ts";

export type CaseKind = "symlink" | "hardlink" | "foreign-file" | "bad-input";

export interface RefusalCase {
  name: string;
  kind: CaseKind;
  plant?: (ctx: Ctx) => void;
  argv: (ctx: Ctx) => string[];
  env?: (ctx: Ctx) => Record<string, string>;
  stdin?: (ctx: Ctx) => Stdin;
  /**
   * 1 or 2; 0 only where the command's documented answer to a broken place is to report it and go on
   * (the session hooks never fail a session; listings show a mission they cannot read with the reason).
   */
  code: 0 | 1 | 2;
  /** Text the output must contain: the file, folder, flag or value the error is about. */
  names: string;
  /** Text the output must NOT contain (a secret). */
  secret?: string;
}

export const M = ["--mission", SLUG];
export const WP01 = `${MISSION_REL}/tasks/WP01-csv-parser.md`;

// ---------------------------------------------------------------------------------------------------
// Symlinks: every place a command reads or writes, replaced by a link to a copy outside the project.

/** Moves `rel` (or a fresh file/folder when it does not exist) outside and links it back in. */
export function linkOut(ctx: Ctx, rel: string, missing: "file" | "dir" = "file"): void {
  const inside = join(ctx.root, rel);
  const outside = join(ctx.outside, rel.replace(/\//g, "__"));
  try {
    renameSync(inside, outside);
  } catch {
    if (missing === "dir") mkdirSync(outside, { recursive: true });
    else writeFileSync(outside, "");
  }
  symlinkSync(outside, inside);
}

const SYMLINKED: { rel: string; missing?: "file" | "dir" }[] = [
  { rel: "kitty-specs" },
  { rel: MISSION_REL },
  { rel: `${MISSION_REL}/tasks` },
  { rel: WP01 },
  { rel: `${MISSION_REL}/tasks/WP01-csv-parser`, missing: "dir" },
  { rel: `${MISSION_REL}/tasks.md` },
  { rel: `${MISSION_REL}/meta.json` },
  { rel: `${MISSION_REL}/spec.md` },
  { rel: `${MISSION_REL}/plan.md` },
  { rel: `${MISSION_REL}/lanes.json` },
  { rel: `${MISSION_REL}/status.json` },
  { rel: `${MISSION_REL}/status.events.jsonl` },
  { rel: `${MISSION_REL}/mission-events.jsonl` },
  { rel: `${MISSION_REL}/checklists` },
  { rel: `${MISSION_REL}/research` },
  { rel: ".kittify" },
  { rel: ".kittify/config.yaml" },
  { rel: ".worktrees", missing: "dir" },
];

/** Every command that writes in the project. */
const WRITERS: { name: string; argv: string[] }[] = [
  { name: "agent mission finalize-tasks", argv: ["agent", "mission", "finalize-tasks", ...M] },
  { name: "agent tasks finalize-tasks", argv: ["agent", "tasks", "finalize-tasks", ...M] },
  { name: "mark-status", argv: ["agent", "tasks", "mark-status", "T001", "--status", "done", ...M] },
  { name: "add-history", argv: ["agent", "tasks", "add-history", "WP01", "--note", "x", ...M] },
  { name: "move-task", argv: ["agent", "tasks", "move-task", "WP04", "--to", "claimed", ...M] },
  {
    name: "agent action implement",
    argv: ["agent", "action", "implement", "WP01", "--agent", "claude", ...M],
  },
  { name: "implement", argv: ["implement", "WP01", ...M] },
  { name: "next --result", argv: ["next", "--agent", "claude", "--result", "success", ...M, "--json"] },
  { name: "setup-plan --force", argv: ["agent", "mission", "setup-plan", "--force", ...M] },
  { name: "status emit", argv: ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M] },
  { name: "status materialize", argv: ["agent", "status", "materialize", ...M] },
  { name: "accept", argv: ["accept", ...M] },
  { name: "merge", argv: ["merge", ...M] },
];

const symlinkCases: RefusalCase[] = SYMLINKED.flatMap(({ rel, missing }) =>
  WRITERS.map(
    (writer): RefusalCase => ({
      name: `${writer.name} with ${rel} symlinked outside`,
      kind: "symlink",
      plant: (ctx) => linkOut(ctx, rel, missing),
      argv: () => writer.argv,
      code: 1,
      names: rel,
    }),
  ),
);

// `mission create` works at the project level: the folders it writes into.
for (const rel of ["kitty-specs", ".kittify", ".kittify/config.yaml", ".kittify/templates"]) {
  symlinkCases.push({
    name: `mission create with ${rel} symlinked outside`,
    kind: "symlink",
    plant: (ctx) => linkOut(ctx, rel, "dir"),
    argv: () => ["agent", "mission", "create", "new-thing"],
    code: 1,
    names: rel,
  });
}

// ---------------------------------------------------------------------------------------------------
// Hard links: a file of the project sharing its bytes with a file outside.

export function hardlinkOut(ctx: Ctx, rel: string): void {
  const inside = join(ctx.root, rel);
  const outside = join(ctx.outside, basename(rel));
  renameSync(inside, outside);
  linkSync(outside, inside);
}

const hardlinkCases: RefusalCase[] = [
  {
    file: `${MISSION_REL}/status.events.jsonl`,
    argv: ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
  },
  {
    file: `${MISSION_REL}/status.json`,
    argv: ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
  },
  { file: WP01, argv: ["agent", "tasks", "add-history", "WP01", "--note", "x", ...M] },
  // The claim is refused after the worktree was made: it must be taken back (worktree, branch, exclude).
  { file: WP01, argv: ["agent", "action", "implement", "WP01", "--agent", "claude", ...M] },
  {
    file: `${MISSION_REL}/tasks/WP04-user-guide.md`,
    argv: ["agent", "tasks", "move-task", "WP04", "--to", "claimed", ...M],
  },
  {
    file: `${MISSION_REL}/tasks.md`,
    argv: ["agent", "tasks", "mark-status", "T001", "--status", "done", ...M],
  },
  { file: `${MISSION_REL}/lanes.json`, argv: ["agent", "mission", "finalize-tasks", ...M] },
  { file: `${MISSION_REL}/plan.md`, argv: ["agent", "mission", "setup-plan", "--force", ...M] },
].map(({ file, argv }) => ({
  name: `${argv.slice(0, 3).join(" ")} with ${file} hard-linked to a file outside`,
  kind: "hardlink" as const,
  plant: (ctx: Ctx) => hardlinkOut(ctx, file),
  argv: () => argv,
  code: 1 as const,
  names: file,
}));

// ---------------------------------------------------------------------------------------------------
// Files named by flags, and standard input.

const reject = (file: string, ...more: string[]) => [
  "agent",
  "tasks",
  "move-task",
  "WP04",
  "--to",
  "planned",
  "--review-feedback-file",
  file,
  ...more,
  ...M,
];

const foreignCases: RefusalCase[] = (
  [
    { name: "feedback from /etc/passwd", argv: () => reject("/etc/passwd"), names: "/etc/passwd" },
    {
      name: "feedback from ../ outside the project",
      plant: (ctx) => writeFileSync(join(ctx.outside, "feedback.md"), "secret outside\n"),
      argv: () => reject("../outside/feedback.md"),
      names: "feedback.md",
    },
    {
      name: "feedback through an in-project symlink to an outside file",
      plant: (ctx) => {
        writeFileSync(join(ctx.outside, "secret.md"), "secret outside\n");
        symlinkSync(join(ctx.outside, "secret.md"), join(ctx.root, "feedback.md"));
      },
      argv: () => reject("feedback.md"),
      names: "feedback.md",
    },
    {
      name: "feedback from a FIFO in the project (never opened for blocking reads)",
      plant: (ctx) => Bun.spawnSync(["mkfifo", join(ctx.root, "feedback.fifo")]),
      argv: () => reject("feedback.fifo"),
      names: "feedback.fifo",
    },
    { name: "feedback from /dev/urandom", argv: () => reject("/dev/urandom"), names: "/dev/urandom" },
    {
      name: "feedback from /dev/zero with the outside opt-in",
      argv: () => reject("/dev/zero", "--allow-external-feedback"),
      names: "/dev/zero",
    },
    {
      name: "feedback from /dev/urandom with the outside opt-in",
      argv: () => reject("/dev/urandom", "--allow-external-feedback"),
      names: "/dev/urandom",
    },
    {
      name: "feedback that is a directory",
      plant: (ctx) => mkdirSync(join(ctx.root, "feedback-dir")),
      argv: () => reject("feedback-dir"),
      names: "feedback-dir",
    },
    {
      name: "feedback of 2 MiB",
      plant: (ctx) => writeFileSync(join(ctx.root, "big.md"), "x".repeat(2 << 20)),
      argv: () => reject("big.md"),
      names: "big.md",
    },
    {
      name: "feedback that is binary (not UTF-8)",
      plant: (ctx) => writeFileSync(join(ctx.root, "bin.md"), Buffer.from([0xff, 0xfe, 0x00, 0x41])),
      argv: () => reject("bin.md"),
      names: "bin.md",
    },
    { name: "feedback that does not exist", argv: () => reject("nope.md"), names: "nope.md" },
    {
      name: "--password-stdin fed /dev/zero",
      argv: () => ["auth", "login", "--username", "u", "--password-stdin"],
      env: (ctx) => ({ SPEC_KITTY_HOME: join(ctx.tmp, "home") }),
      stdin: () => ({ file: "/dev/zero" }),
      names: "standard input",
    },
    {
      name: "--password-stdin fed /dev/urandom",
      argv: () => ["auth", "login", "--username", "u", "--password-stdin"],
      env: (ctx) => ({ SPEC_KITTY_HOME: join(ctx.tmp, "home") }),
      stdin: () => ({ file: "/dev/urandom" }),
      names: "standard input",
    },
    {
      name: "--password-stdin from a pipe that never closes",
      argv: () => ["auth", "login", "--username", "u", "--password-stdin"],
      env: (ctx) => ({ SPEC_KITTY_HOME: join(ctx.tmp, "home"), SPEC_KITTY_STDIN_TIMEOUT_MS: "300" }),
      stdin: () => "open",
      names: "standard input",
    },
  ] satisfies Omit<RefusalCase, "kind" | "code">[]
).map((c) => ({ kind: "foreign-file" as const, code: 1 as const, ...c }));

// ---------------------------------------------------------------------------------------------------
// Bad input of every class the issue lists.

const edit = (ctx: Ctx, rel: string, change: (text: string) => string) => {
  const path = join(ctx.root, rel);
  writeFileSync(path, change(readFileSync(path, "utf8")));
};
const replaceDir = (ctx: Ctx, rel: string) => {
  rmSync(join(ctx.root, rel), { force: true });
  mkdirSync(join(ctx.root, rel));
};
const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
    (name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`,
  ),
].join("\n");
const longSlug = (n: number) => "a".repeat(n);
const LOG = `${MISSION_REL}/status.events.jsonl`;
const appendLine = (ctx: Ctx, rel: string, line: string) =>
  writeFileSync(join(ctx.root, rel), `${readFileSync(join(ctx.root, rel), "utf8")}${line}\n`);
const firstEvent = (ctx: Ctx) =>
  JSON.parse(readFileSync(join(ctx.root, LOG), "utf8").split("\n")[0] as string);

const badInputCases: RefusalCase[] = [
  ...["bad..ref", "-x", "a b", "topic.lock", "@{u}", "x~1", "refs/heads/", ".hidden"].map(
    (ref): RefusalCase => ({
      name: `mission create --target-branch ${JSON.stringify(ref)}`,
      kind: "bad-input",
      argv: () => ["agent", "mission", "create", "new-thing", "--target-branch", ref],
      code: 2,
      names: "--target-branch",
    }),
  ),
  {
    name: "branch-context --target-branch with a space",
    kind: "bad-input",
    argv: () => ["agent", "mission", "branch-context", "--target-branch", "a b"],
    code: 2,
    names: "--target-branch",
  },
  ...[
    ["status emit", ["agent", "status", "emit", "", "--to", "claimed", "--actor", "x", ...M]],
    ["implement", ["implement", "", ...M]],
    ["agent action implement", ["agent", "action", "implement", "", "--agent", "claude", ...M]],
    ["agent action review", ["agent", "action", "review", "../x", "--agent", "claude", ...M]],
    ["move-task", ["agent", "tasks", "move-task", "WP1", "--to", "claimed", ...M]],
    ["add-history", ["agent", "tasks", "add-history", "WP01/../x", "--note", "x", ...M]],
  ].map(
    ([name, argv]): RefusalCase => ({
      name: `${name} with a malformed WP id`,
      kind: "bad-input",
      argv: () => argv as string[],
      code: 2,
      names: "is not a work package id",
    }),
  ),
  {
    name: "status emit for a WP that does not exist",
    kind: "bad-input",
    argv: () => ["agent", "status", "emit", "WP77", "--to", "claimed", "--actor", "x", ...M],
    code: 1,
    names: "WP77",
  },
  {
    name: "move-task --to an unknown lane",
    kind: "bad-input",
    argv: () => ["agent", "tasks", "move-task", "WP04", "--to", "started", ...M],
    code: 2,
    names: "started",
  },
  ...[
    ["agent: [claude, codex]", "agent"],
    ["shell_pid: {pid: 1}", "shell_pid"],
    ["base_commit: [x]", "base_commit"],
    ["lane: [done]", "lane"],
  ].map(
    ([line, key]): RefusalCase => ({
      name: `wrong-typed frontmatter ${line}`,
      kind: "bad-input",
      plant: (ctx) =>
        edit(ctx, WP01, (t) =>
          t.replace(new RegExp(`^${key}:.*$`, "m"), "").replace("---\n", `---\n${line}\n`),
        ),
      // Acting on the WP refuses it (exit 1, file and line); the board only warns about it, since one
      // damaged WP file must never hide the others (the real-projects issue).
      argv: () => ["agent", "tasks", "add-history", "WP01", "--note", "n", ...M],
      code: 1,
      names: `${WP01} line 2`,
    }),
  ),
  {
    name: "invalid UTF-8 in meta.json",
    kind: "bad-input",
    plant: (ctx) => {
      const path = join(ctx.mission, "meta.json");
      writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from([0xff, 0xfe])]));
    },
    argv: () => ["agent", "tasks", "status", ...M],
    code: 1,
    names: `${MISSION_REL}/meta.json`,
  },
  // Every reader of the log says the same about bad bytes (failed before: the streaming readers
  // accepted them and wrote U+FFFD into status.json, `validate` refused).
  ...[
    ["agent", "tasks", "status", ...M],
    ["agent", "status", "validate", ...M],
    ["agent", "status", "materialize", ...M],
    ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
    ["next", "--agent", "claude", ...M],
  ].map(
    (argv): RefusalCase => ({
      name: `invalid UTF-8 in the event log: ${argv.slice(0, 3).join(" ")}`,
      kind: "bad-input",
      plant: (ctx) => {
        const path = join(ctx.root, LOG);
        const text = readFileSync(path);
        writeFileSync(path, Buffer.concat([text.subarray(0, 40), Buffer.from([0xff]), text.subarray(40)]));
      },
      argv: () => argv,
      code: 1,
      names: `${LOG} line 1`,
    }),
  ),
  {
    name: "a BOM in the middle of the event log (two logs glued together)",
    kind: "bad-input",
    plant: (ctx) =>
      appendLine(
        ctx,
        LOG,
        `\uFEFF${JSON.stringify({ ...firstEvent(ctx), event_id: "01J0000000000000000000000B" })}`,
      ),
    argv: () => ["agent", "tasks", "status", ...M],
    code: 1,
    names: `${LOG} line 5`,
  },
  ...["../../x", "WP01/../../etc", ""].map(
    (wp): RefusalCase => ({
      name: `event line with wp_id ${JSON.stringify(wp)}`,
      kind: "bad-input",
      plant: (ctx) =>
        appendLine(
          ctx,
          LOG,
          JSON.stringify({ ...firstEvent(ctx), event_id: "01J0000000000000000000000X", wp_id: wp }),
        ),
      argv: () => ["agent", "tasks", "status", ...M],
      code: 1,
      names: `${LOG} line 5`,
    }),
  ),
  ...[
    ["lane id", (t: string) => t.replace('"lane-a"', '"../../../outside"'), "../../../outside"],
    ["lane id with a slash", (t: string) => t.replace('"lane-a"', '"lane-a/../../x"'), "lane-a/../../x"],
    [
      "mission slug",
      (t: string) => t.replace(`"mission_slug": "${SLUG}"`, '"mission_slug": "../.."'),
      "../..",
    ],
    ["WP id", (t: string) => t.replace('"WP01"', '"WP01/../x"'), "WP01/../x"],
    [
      "target branch",
      (t: string) => t.replace('"target_branch": "main"', '"target_branch": "--upload-pack=x"'),
      "--upload-pack=x",
    ],
  ].map(
    ([what, change, value]): RefusalCase => ({
      name: `implement with a crafted ${what} in lanes.json`,
      kind: "bad-input",
      plant: (ctx) => edit(ctx, `${MISSION_REL}/lanes.json`, change as (t: string) => string),
      argv: () => ["agent", "action", "implement", "WP01", "--agent", "claude", ...M],
      code: 1,
      names: `${JSON.stringify(value)}`,
    }),
  ),
  ...[252, 300, 201].map(
    (n): RefusalCase => ({
      name: `mission create with a ${n}-character slug`,
      kind: "bad-input",
      argv: () => ["agent", "mission", "create", longSlug(n)],
      code: 1,
      names: `${n} characters`,
    }),
  ),
  {
    name: "YAML alias bomb in config.yaml",
    kind: "bad-input",
    plant: (ctx) => writeFileSync(join(ctx.root, ".kittify/config.yaml"), `${ALIAS_BOMB}\n`),
    argv: () => ["agent", "mission", "finalize-tasks", ...M],
    code: 1,
    names: ".kittify/config.yaml",
  },
  {
    name: "YAML alias bomb in WP frontmatter",
    kind: "bad-input",
    plant: (ctx) => edit(ctx, WP01, (t) => t.replace("---\n", `---\n${ALIAS_BOMB}\n`)),
    argv: () => ["agent", "tasks", "add-history", "WP01", "--note", "x", ...M],
    code: 1,
    names: WP01,
  },
  {
    name: "implement with a broken config.yaml (failed before: left a worktree, a branch and an exclude line)",
    kind: "bad-input",
    plant: (ctx) => writeFileSync(join(ctx.root, ".kittify/config.yaml"), "agents:\n  available: [claude\n"),
    argv: () => ["agent", "action", "implement", "WP01", "--agent", "claude", ...M],
    code: 1,
    names: ".kittify/config.yaml line",
  },
  ...[
    ["lanes.json", ["agent", "mission", "finalize-tasks", ...M]],
    ["status.json", ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M]],
    ["status.events.jsonl", ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M]],
    ["tasks.md", ["agent", "tasks", "mark-status", "T001", "--status", "done", ...M]],
    ["plan.md", ["agent", "mission", "setup-plan", "--force", ...M]],
    ["mission-events.jsonl", ["next", "--agent", "claude", "--result", "success", ...M]],
    ["meta.json", ["agent", "tasks", "status", ...M]],
  ].map(
    ([file, argv]): RefusalCase => ({
      name: `${(argv as string[]).slice(0, 3).join(" ")} with ${file} being a directory (failed before: internal error, half written)`,
      kind: "bad-input",
      plant: (ctx) => replaceDir(ctx, `${MISSION_REL}/${file}`),
      argv: () => argv as string[],
      code: 1,
      names: `${MISSION_REL}/${file}`,
    }),
  ),
  {
    name: "a corrupt line in mission-events.jsonl",
    kind: "bad-input",
    plant: (ctx) =>
      writeFileSync(join(ctx.mission, "mission-events.jsonl"), '{"type": "MissionNextInvoked"\n'),
    argv: () => ["next", "--agent", "claude", "--result", "success", ...M],
    code: 1,
    names: `${MISSION_REL}/mission-events.jsonl line 1`,
  },
  {
    name: "SPEC_KITTY_SERVER_URL with a password (failed before: echoed in the error)",
    kind: "bad-input",
    argv: () => ["auth", "login", "--username", "u", "--password-stdin"],
    stdin: () => "password\n",
    env: (ctx) => ({
      SPEC_KITTY_HOME: join(ctx.tmp, "home"),
      SPEC_KITTY_SERVER_URL: "https://alice:hunter2secret@sync.example.com",
    }),
    code: 1,
    names: "SPEC_KITTY_SERVER_URL",
    secret: "hunter2",
  },
  {
    name: "a WP file that is a directory",
    kind: "bad-input",
    plant: (ctx) => {
      rmSync(join(ctx.root, WP01));
      mkdirSync(join(ctx.root, WP01));
    },
    argv: () => ["agent", "mission", "finalize-tasks", ...M],
    code: 1,
    names: "WP01",
  },
];

export const CORPUS: RefusalCase[] = [...symlinkCases, ...hardlinkCases, ...foreignCases, ...badInputCases];
