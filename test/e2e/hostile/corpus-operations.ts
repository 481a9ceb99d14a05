/**
 * The hostile corpus, continued, for the commands that landed after the first corpus: upgrade,
 * validate-tasks, agent config, doctor --fix, charter, research, the dashboard export, dispatch, the
 * orchestrator-api, compat's readers (mission list/info, coordination worktrees), map-requirements,
 * the session hooks, the merge drivers and init re-runs. Same contract as corpus.ts: per case the exit
 * code, the name in the output, no internal error, no hang, and nothing changed inside or outside.
 */
import {
  appendFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { git } from "../../support/git.ts";
import { hardlinkOut, linkOut, M, type RefusalCase, WP01 } from "./corpus.ts";
import { type Ctx, MISSION_REL, SLUG } from "./harness.ts";

const WP04 = `${MISSION_REL}/tasks/WP04-user-guide.md`;
const COMMAND_FILE = ".claude/commands/spec-kitty.plan.md";
const POLICY = JSON.stringify({
  orchestrator_id: "hostile",
  orchestrator_version: "0.1.0",
  agent_family: "claude",
  approval_mode: "full_auto",
  sandbox_mode: "workspace_write",
  network_mode: "none",
  dangerous_flags: [],
  tool_restrictions: null,
});

const symlink = (c: Omit<RefusalCase, "kind" | "code"> & { code?: 0 | 1 }): RefusalCase => ({
  kind: "symlink",
  code: 1,
  ...c,
});

// ---------------------------------------------------------------------------------------------------
// What some plants need first: a pending migration, a file only --force replaces, a coordination
// worktree, an Op log.

/** The mission as spec-kitty 2.x left it: no event log, WP01's lane in its frontmatter. */
function legacyLanes(ctx: Ctx): void {
  rmSync(join(ctx.mission, "status.events.jsonl"));
  rmSync(join(ctx.mission, "status.json"), { force: true });
  const path = join(ctx.root, WP01);
  writeFileSync(path, readFileSync(path, "utf8").replace("---\n", "---\nlane: doing\n"));
}

const constitution = (ctx: Ctx) => {
  mkdirSync(join(ctx.root, ".kittify/memory"), { recursive: true });
  writeFileSync(join(ctx.root, ".kittify/memory/constitution.md"), "# Constitution\n\nBe kind.\n");
};
const editCommandFile = (ctx: Ctx) => appendFileSync(join(ctx.root, COMMAND_FILE), "my own line\n");
const charterFile = (ctx: Ctx) => {
  mkdirSync(join(ctx.root, ".kittify/charter"), { recursive: true });
  writeFileSync(join(ctx.root, ".kittify/charter/charter.md"), "# Our charter, written by hand\n");
};

const mid8 = (ctx: Ctx) =>
  (
    JSON.parse(readFileSync(join(ctx.mission, "meta.json"), "utf8")) as { mission_id: string }
  ).mission_id.slice(0, 8);
const coordName = (ctx: Ctx) => `${SLUG}-${mid8(ctx)}`;
const COORD_REL = (ctx: Ctx) => `.worktrees/${coordName(ctx)}-coord`;

/**
 * spec-kitty 3.2's coordination topology with the coordination worktree a symlink to a copy outside:
 * status would be read from, and written to, the outside copy. With `deep`, the worktree is real and
 * its `kitty-specs/` is the link.
 */
function coordOutside(ctx: Ctx, deep = false): void {
  const metaPath = join(ctx.mission, "meta.json");
  const meta = JSON.parse(readFileSync(metaPath, "utf8")) as Record<string, unknown>;
  writeFileSync(metaPath, `${JSON.stringify({ ...meta, topology: "coord" }, null, 2)}\n`);
  const status = join(ctx.outside, "coord", "kitty-specs", coordName(ctx));
  mkdirSync(status, { recursive: true });
  for (const file of ["status.events.jsonl", "status.json"])
    writeFileSync(join(status, file), readFileSync(join(ctx.mission, file)));
  const worktree = join(ctx.root, COORD_REL(ctx));
  if (deep) {
    mkdirSync(worktree, { recursive: true });
    symlinkSync(join(ctx.outside, "coord", "kitty-specs"), join(worktree, "kitty-specs"));
  } else {
    mkdirSync(join(ctx.root, ".worktrees"), { recursive: true });
    symlinkSync(join(ctx.outside, "coord"), worktree);
  }
}

// ---------------------------------------------------------------------------------------------------
// Project places (.kittify/charter, .kittify/backups, .kittify/runtime, owned files, command-file dirs).

const projectPlaceCases: RefusalCase[] = [
  ...[
    ["charter status"],
    ["charter context", "--action", "implement"],
    ["charter interview", "--defaults"],
    ["charter generate", "--force"],
    ["next", "--agent", "claude", ...M],
  ].map((argv) =>
    symlink({
      name: `${argv.slice(0, 2).join(" ")} with .kittify/charter symlinked outside`,
      plant: (ctx) => {
        charterFile(ctx);
        linkOut(ctx, ".kittify/charter");
      },
      argv: () => argv.flatMap((a) => a.split(" ")),
      names: ".kittify/charter",
    }),
  ),
  symlink({
    name: "charter status with .kittify/charter/charter.md symlinked outside",
    plant: (ctx) => {
      charterFile(ctx);
      linkOut(ctx, ".kittify/charter/charter.md");
    },
    argv: () => ["charter", "status"],
    names: ".kittify/charter/charter.md",
  }),
  symlink({
    name: "upgrade moving the constitution with .kittify/charter symlinked outside",
    plant: (ctx) => {
      constitution(ctx);
      linkOut(ctx, ".kittify/charter", "dir");
    },
    argv: () => ["upgrade"],
    names: ".kittify/charter",
  }),
  ...(
    [
      [
        "agent config sync --force (an edited command file)",
        editCommandFile,
        ["agent", "config", "sync", "--force"],
      ],
      [
        "charter generate --force (a charter edited by hand)",
        charterFile,
        ["charter", "generate", "--force"],
      ],
      [
        "research --force (research.md exists)",
        (ctx: Ctx) => writeFileSync(join(ctx.mission, "research.md"), "# notes\n"),
        ["research", "--force", ...M],
      ],
      // Failed before: the migrated lane events were appended, then the backup was refused.
      [
        "upgrade migrating lanes and retiring a codex prompt (failed before: events appended first)",
        (ctx: Ctx) => {
          legacyLanes(ctx);
          mkdirSync(join(ctx.root, ".codex/prompts"), { recursive: true });
          writeFileSync(
            join(ctx.root, ".codex/prompts/spec-kitty.plan.md"),
            "<!-- spec-kitty-command-version: 3.0.0 -->\nold prompt\n",
          );
        },
        ["upgrade"],
      ],
    ] as [string, (ctx: Ctx) => void, string[]][]
  ).map(([what, prepare, argv]) =>
    symlink({
      name: `${what} with .kittify/backups symlinked outside`,
      plant: (ctx) => {
        prepare(ctx);
        linkOut(ctx, ".kittify/backups", "dir");
      },
      argv: () => argv,
      names: ".kittify/backups",
    }),
  ),
  ...(
    [
      [".kittify/owned-files.json", ["agent", "config", "sync"]],
      [".kittify/owned-files.json", ["agent", "config", "status"]],
      [".kittify/owned-files.json", ["upgrade", "--dry-run"]],
      [".kittify/owned-files.json", ["doctor"]],
      [".kittify/metadata.yaml", ["agent", "config", "add", "cursor"]],
      [".kittify/config.yaml", ["agent", "config", "list"]],
      [".kittify/config.yaml", ["orchestrator-api", "mission-state", ...M]],
      [".kittify/config.yaml", ["validate-tasks", "--fix"]],
      [".kittify/config.yaml", ["mission", "list"]],
      [".kittify/config.yaml", ["dashboard", "--export", "exported"]],
      [".kittify", ["init", ".", "--ai", "claude,codex"]],
      [".kittify/config.yaml", ["init", ".", "--ai", "claude,codex"]],
      [".claude/commands", ["agent", "config", "sync"]],
      [".claude/commands", ["agent", "config", "add", "claude", "--force"]],
      [".claude/commands", ["agent", "config", "status"]],
      [".claude/commands", ["upgrade"]],
      [".agents/skills", ["agent", "config", "remove", "codex"]],
      [".claude", ["doctor", "--fix"]],
    ] as [string, string[]][]
  ).map(([rel, argv]) =>
    symlink({
      name: `${argv.slice(0, 3).join(" ")} with ${rel} symlinked outside`,
      plant: (ctx) => linkOut(ctx, rel, "dir"),
      argv: () => argv,
      names: rel,
    }),
  ),
  symlink({
    name: "agent config add cursor with .cursor/commands symlinked outside (a new agent's folder)",
    plant: (ctx) => {
      mkdirSync(join(ctx.root, ".cursor"));
      linkOut(ctx, ".cursor/commands", "dir");
    },
    argv: () => ["agent", "config", "add", "cursor"],
    names: ".cursor/commands",
  }),
  symlink({
    name: "doctor with .gitattributes symlinked to a file outside",
    plant: (ctx) => linkOut(ctx, ".gitattributes"),
    argv: () => ["doctor"],
    names: ".gitattributes",
  }),
  symlink({
    name: "init re-run with a dangling .kittify/config.yaml",
    plant: (ctx) => {
      rmSync(join(ctx.root, ".kittify/config.yaml"));
      symlinkSync(join(ctx.outside, "config.yaml"), join(ctx.root, ".kittify/config.yaml"));
    },
    argv: () => ["init", ".", "--ai", "claude,codex"],
    names: ".kittify/config.yaml",
  }),
];

// ---------------------------------------------------------------------------------------------------
// dispatch: the journal, the runs' temp dirs and logs under .kittify/runtime/dispatch/<mission>/.

const DISPATCH_DIR = `.kittify/runtime/dispatch/${SLUG}`;
const dispatchArgv = ["dispatch", ...M, "--agents", "claude", "--max-attempts", "1", "--json"];

const dispatchCases: RefusalCase[] = [
  ...[".kittify/runtime", ".kittify/runtime/dispatch", DISPATCH_DIR, `${DISPATCH_DIR}/tmp`].map((rel) =>
    symlink({
      // Failed before for tmp/: the WP was claimed, its worktree made and the prompt written outside.
      name: `dispatch with ${rel} symlinked outside`,
      plant: (ctx) => {
        mkdirSync(join(ctx.root, DISPATCH_DIR), { recursive: true });
        linkOut(ctx, rel, "dir");
      },
      argv: () => dispatchArgv,
      names: rel,
    }),
  ),
  symlink({
    name: "dispatch --resume with owner.json symlinked to an outside file",
    plant: (ctx) => {
      mkdirSync(join(ctx.root, DISPATCH_DIR), { recursive: true });
      writeFileSync(join(ctx.outside, "owner.json"), "{}\n");
      symlinkSync(join(ctx.outside, "owner.json"), join(ctx.root, DISPATCH_DIR, "owner.json"));
    },
    argv: () => ["dispatch", ...M, "--resume"],
    names: `${DISPATCH_DIR}/owner.json`,
  }),
  {
    name: "dispatch with runs.jsonl hard-linked to a file outside",
    kind: "hardlink",
    plant: (ctx) => {
      mkdirSync(join(ctx.root, DISPATCH_DIR), { recursive: true });
      writeFileSync(join(ctx.outside, "runs.jsonl"), "");
      linkSync(join(ctx.outside, "runs.jsonl"), join(ctx.root, DISPATCH_DIR, "runs.jsonl"));
    },
    argv: () => dispatchArgv,
    code: 1,
    names: `${DISPATCH_DIR}/runs.jsonl`,
  },
];

// ---------------------------------------------------------------------------------------------------
// Mission places, for the commands that read or write a mission without the other commands' check.

const MISSION_PLACES: { rel: string; missing?: "file" | "dir" }[] = [
  { rel: "kitty-specs" },
  { rel: MISSION_REL },
  { rel: `${MISSION_REL}/meta.json` },
  { rel: `${MISSION_REL}/tasks` },
  { rel: WP01 },
  { rel: `${MISSION_REL}/tasks.md` },
  { rel: `${MISSION_REL}/spec.md` },
  { rel: `${MISSION_REL}/lanes.json` },
  { rel: `${MISSION_REL}/status.events.jsonl` },
  { rel: `${MISSION_REL}/research.md` },
];

const MISSION_READERS: { name: string; argv: string[]; plant?: (ctx: Ctx) => void }[] = [
  { name: "mission info", argv: ["mission", "info", SLUG] },
  { name: "agent tasks status", argv: ["agent", "tasks", "status", ...M] },
  { name: "validate-tasks --fix", argv: ["validate-tasks", "--fix", ...M], plant: legacyLanes },
  { name: "validate-tasks --fix (every mission)", argv: ["validate-tasks", "--fix"], plant: legacyLanes },
  { name: "upgrade", argv: ["upgrade"], plant: legacyLanes },
  { name: "doctor --fix", argv: ["doctor", "--fix"] },
  { name: "orchestrator-api mission-state", argv: ["orchestrator-api", "mission-state", ...M] },
  {
    name: "orchestrator-api start-implementation",
    argv: [
      "orchestrator-api",
      "start-implementation",
      ...M,
      "--wp",
      "WP01",
      "--actor",
      "claude",
      "--policy",
      POLICY,
    ],
  },
  {
    name: "map-requirements",
    argv: ["agent", "tasks", "map-requirements", "--wp", "WP02", "--refs", "NFR-001", ...M],
  },
  { name: "research --force", argv: ["research", "--force", ...M] },
];

const missionPlaceCases: RefusalCase[] = MISSION_PLACES.flatMap(({ rel, missing }) =>
  MISSION_READERS.map((reader) =>
    symlink({
      name: `${reader.name} with ${rel} symlinked outside`,
      plant: (ctx) => {
        reader.plant?.(ctx);
        linkOut(ctx, rel, missing);
      },
      argv: () => reader.argv,
      names: rel,
    }),
  ),
);

// `mission current` finds the mission from the branch checked out (a mission branch here).
const onMissionBranch = (ctx: Ctx) => git(ctx.root, "checkout", "-q", "-b", `kitty/mission-${SLUG}`);
for (const { rel, missing } of [...MISSION_PLACES.slice(2), { rel: ".kittify/config.yaml" }])
  missionPlaceCases.push(
    symlink({
      name: `mission current (on the mission branch) with ${rel} symlinked outside`,
      plant: (ctx) => {
        onMissionBranch(ctx);
        linkOut(ctx, rel, missing);
      },
      argv: () => ["mission", "current"],
      names: rel,
    }),
  );

// Listings report a mission they cannot read, with the reason, and go on (exit 0).
for (const { rel, missing } of MISSION_PLACES.slice(2))
  for (const argv of [
    ["mission", "list"],
    ["agent", "tasks", "status"],
  ])
    missionPlaceCases.push(
      symlink({
        name: `${argv.join(" ")} (every mission) with ${rel} symlinked outside: listed with the reason`,
        plant: (ctx) => linkOut(ctx, rel, missing),
        argv: () => argv,
        code: 0,
        names: rel,
      }),
    );

// ---------------------------------------------------------------------------------------------------
// A coordination worktree (.worktrees/<dir>-coord/) leading outside: status must not be read or written there.

const COORD_COMMANDS: string[][] = [
  ["agent", "status", "emit", "WP04", "--to", "claimed", "--actor", "x", ...M],
  ["agent", "tasks", "move-task", "WP04", "--to", "claimed", ...M],
  ["next", "--agent", "claude", "--result", "success", ...M],
  ["agent", "tasks", "status", ...M],
  ["mission", "info", SLUG],
  ["orchestrator-api", "mission-state", ...M],
  [
    "orchestrator-api",
    "transition",
    ...M,
    "--wp",
    "WP04",
    "--to",
    "claimed",
    "--actor",
    "x",
    "--policy",
    POLICY,
  ],
  ["validate-tasks", "--fix", ...M],
  ["doctor"],
];

const coordCases: RefusalCase[] = [false, true].flatMap((deep) =>
  COORD_COMMANDS.map((argv) =>
    symlink({
      name: `${argv.slice(0, 3).join(" ")} with the coordination worktree${deep ? "'s kitty-specs/" : ""} symlinked outside`,
      plant: (ctx) => coordOutside(ctx, deep),
      argv: () => argv,
      names: ".worktrees/001-report-tool-",
    }),
  ),
);

// ---------------------------------------------------------------------------------------------------
// doctor --fix, the dashboard export, merge drivers, session hooks: paths that come from disk or git.

const DRIVERS = [
  "merge-driver-meta",
  "merge-driver-event-log",
  "merge-driver-acceptance-matrix",
  "merge-driver-issue-matrix",
  "merge-driver-review-cycle",
  "merge-driver-traces",
];

/** The three sides git would hand a driver, in `dir`. */
function driverSides(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const side of ["O", "A", "B"]) writeFileSync(join(dir, side), "{}\n");
}

const exportFiles = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), "old export\n");
};

const pathCases: RefusalCase[] = [
  symlink({
    // Failed before: the empty folder outside was removed.
    name: "doctor --fix with .worktrees symlinked to an outside folder holding an empty folder",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "worktrees", "left-over"), { recursive: true });
      symlinkSync(join(ctx.outside, "worktrees"), join(ctx.root, ".worktrees"));
    },
    argv: () => ["doctor", "--fix"],
    names: ".worktrees",
  }),
  symlink({
    name: "doctor --fix with .worktrees/<x> a symlink to an empty outside folder",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "left-over"));
      mkdirSync(join(ctx.root, ".worktrees"));
      symlinkSync(join(ctx.outside, "left-over"), join(ctx.root, ".worktrees", "left-over"));
    },
    argv: () => ["doctor", "--fix"],
    names: ".worktrees/left-over",
  }),
  symlink({
    // Failed before: the export was written through the in-project link, outside the project.
    name: "dashboard --export into a folder of the project that is a symlink outside",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "site"));
      symlinkSync(join(ctx.outside, "site"), join(ctx.root, "site"));
    },
    argv: () => ["dashboard", "--export", "site"],
    names: "site",
  }),
  symlink({
    name: "dashboard --export under a project folder that is a symlink outside",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "docs"));
      symlinkSync(join(ctx.outside, "docs"), join(ctx.root, "docs"));
    },
    argv: () => ["dashboard", "--export", "docs/dashboard"],
    names: "docs",
  }),
  symlink({
    // Failed before: the link in the earlier export was replaced (outside changed).
    name: "dashboard --export (outside, by design) over an earlier export whose data.js is a symlink",
    plant: (ctx) => {
      exportFiles(join(ctx.outside, "site"));
      writeFileSync(join(ctx.outside, "victim"), "keep me\n");
      symlinkSync(join(ctx.outside, "victim"), join(ctx.outside, "site", "data.js"));
    },
    argv: (ctx) => ["dashboard", "--export", join(ctx.outside, "site")],
    names: "data.js",
  }),
  symlink({
    name: "dashboard --export (outside, by design) to a path that is itself a symlink",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "real"));
      symlinkSync(join(ctx.outside, "real"), join(ctx.outside, "site"));
    },
    argv: (ctx) => ["dashboard", "--export", join(ctx.outside, "site")],
    names: "site",
  }),
  {
    // Failed before: index.html and the assets were replaced, then data.js refused.
    name: "dashboard --export (outside) over an earlier export whose data.js is hard-linked",
    kind: "hardlink",
    plant: (ctx) => {
      exportFiles(join(ctx.outside, "site"));
      writeFileSync(join(ctx.outside, "victim"), "keep me\n");
      linkSync(join(ctx.outside, "victim"), join(ctx.outside, "site", "data.js"));
    },
    argv: (ctx) => ["dashboard", "--export", join(ctx.outside, "site")],
    code: 1,
    names: "data.js",
  },
  {
    name: "dashboard --export (outside) over an earlier export whose data.js is a directory",
    kind: "bad-input",
    plant: (ctx) => {
      exportFiles(join(ctx.outside, "site"));
      mkdirSync(join(ctx.outside, "site", "data.js"));
    },
    argv: (ctx) => ["dashboard", "--export", join(ctx.outside, "site")],
    code: 1,
    names: "data.js",
  },
  {
    name: "dashboard --export (outside) into a folder of someone else's files",
    kind: "bad-input",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "site"));
      writeFileSync(join(ctx.outside, "site", "notes.txt"), "mine\n");
    },
    argv: (ctx) => ["dashboard", "--export", join(ctx.outside, "site")],
    code: 1,
    names: "notes.txt",
  },
  ...DRIVERS.flatMap((driver): RefusalCase[] => [
    symlink({
      // Failed before: the result was written to %A outside the work tree.
      name: `${driver} with %O %A %B in a folder that is a symlink outside`,
      plant: (ctx) => {
        driverSides(join(ctx.outside, "sides"));
        symlinkSync(join(ctx.outside, "sides"), join(ctx.root, "sides"));
      },
      argv: () => [driver, "sides/O", "sides/A", "sides/B"],
      names: "sides/O",
    }),
    {
      name: `${driver} with ../ paths out of the work tree`,
      kind: "bad-input",
      plant: (ctx) => driverSides(join(ctx.outside, "sides")),
      argv: () => [driver, "../outside/sides/O", "../outside/sides/A", "../outside/sides/B"],
      code: 1,
      names: "../outside/sides/O",
    },
  ]),
  symlink({
    name: "merge-driver-meta with %A a symlink to a file outside",
    plant: (ctx) => {
      driverSides(ctx.root);
      rmSync(join(ctx.root, "A"));
      writeFileSync(join(ctx.outside, "A"), "{}\n");
      symlinkSync(join(ctx.outside, "A"), join(ctx.root, "A"));
    },
    argv: () => ["merge-driver-meta", "O", "A", "B"],
    names: "A",
  }),
  {
    name: "merge-driver-meta with %A hard-linked to a file outside",
    kind: "hardlink",
    plant: (ctx) => {
      driverSides(ctx.root);
      rmSync(join(ctx.root, "A"));
      writeFileSync(join(ctx.outside, "A"), "{}\n");
      linkSync(join(ctx.outside, "A"), join(ctx.root, "A"));
    },
    argv: () => ["merge-driver-meta", "O", "A", "B"],
    code: 1,
    names: "A",
  },
  symlink({
    // The hook never fails a session: it says what is wrong and lists no Op from outside.
    name: "session-start with kitty-ops symlinked to an outside folder of Op logs",
    plant: (ctx) => {
      mkdirSync(join(ctx.outside, "ops"));
      writeFileSync(join(ctx.outside, "ops", "OUTSIDE-OP.jsonl"), '{"event":"started"}\n');
      symlinkSync(join(ctx.outside, "ops"), join(ctx.root, "kitty-ops"));
    },
    argv: () => ["session-start"],
    code: 0,
    names: "kitty-ops",
  }),
  {
    // Failed before: the hook blocked forever reading the FIFO.
    name: "session-start with a FIFO among the Op logs",
    kind: "bad-input",
    plant: (ctx) => {
      mkdirSync(join(ctx.root, "kitty-ops"));
      Bun.spawnSync(["mkfifo", join(ctx.root, "kitty-ops", "stuck.jsonl")]);
    },
    argv: () => ["session-start"],
    code: 0,
    names: "Spec Kitty",
  },
];

// ---------------------------------------------------------------------------------------------------
// Hard links and half-applied writes.

const writeHalfCases: RefusalCase[] = (
  [
    {
      // Failed before: WP02 was written, then WP04 refused.
      name: "map-requirements over two WPs, the second hard-linked to a file outside",
      plant: (ctx) => hardlinkOut(ctx, WP04),
      argv: () => [
        "agent",
        "tasks",
        "map-requirements",
        "--batch",
        '{"WP02":["NFR-001"],"WP04":["NFR-001"]}',
        ...M,
      ],
      names: WP04,
    },
    {
      // Failed before: the lane events were appended, then the WP file refused.
      name: "upgrade migrating lanes with the WP file it rewrites hard-linked outside",
      plant: (ctx) => {
        legacyLanes(ctx);
        hardlinkOut(ctx, WP01);
      },
      argv: () => ["upgrade"],
      names: WP01,
    },
    {
      name: "validate-tasks --fix with the WP file it rewrites hard-linked outside",
      plant: (ctx) => {
        legacyLanes(ctx);
        hardlinkOut(ctx, WP01);
      },
      argv: () => ["validate-tasks", "--fix", ...M],
      names: WP01,
    },
    {
      name: "agent config sync --force with an edited command file hard-linked outside",
      plant: (ctx) => {
        hardlinkOut(ctx, COMMAND_FILE);
        editCommandFile(ctx);
      },
      argv: () => ["agent", "config", "sync", "--force"],
      names: COMMAND_FILE,
    },
    {
      name: "agent config add with config.yaml hard-linked outside",
      plant: (ctx) => hardlinkOut(ctx, ".kittify/config.yaml"),
      argv: () => ["agent", "config", "add", "cursor"],
      names: ".kittify/config.yaml",
    },
    {
      name: "agent config add (which records the new files) with the owned-files manifest hard-linked outside",
      plant: (ctx) => hardlinkOut(ctx, ".kittify/owned-files.json"),
      argv: () => ["agent", "config", "add", "cursor"],
      names: ".kittify/owned-files.json",
    },
    {
      name: "charter generate --force with charter.md hard-linked outside",
      plant: (ctx) => {
        charterFile(ctx);
        hardlinkOut(ctx, ".kittify/charter/charter.md");
      },
      argv: () => ["charter", "generate", "--force"],
      names: ".kittify/charter/charter.md",
    },
  ] satisfies Omit<RefusalCase, "kind" | "code">[]
).map((c) => ({ kind: "hardlink" as const, code: 1 as const, ...c }));

export const OPERATIONS_CORPUS: RefusalCase[] = [
  ...projectPlaceCases,
  ...dispatchCases,
  ...missionPlaceCases,
  ...coordCases,
  ...pathCases,
  ...writeHalfCases,
];
