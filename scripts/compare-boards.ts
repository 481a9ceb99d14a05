/**
 * Does our board agree with the `status.json` files a real project holds? For every mission under
 * `<project>/kitty-specs/` that has a status.json, runs the compiled binary's
 * `agent tasks status --mission <dir> --json` and compares the lane of every WP that status.json lists
 * (its `work_packages`, the original's own reduction of the log) with ours. Prints the missions that
 * disagree or fail, then one line: `lanes equal N/M, failures K`.
 *
 *   bun scripts/compare-boards.ts <project-dir> [--bin dist/spec-kitty] [--more] [--quiet]
 *
 * `--more` also runs the other readers on every mission (`next` in query mode, `agent tasks
 * list-tasks`, `agent status validate`) and counts a failure for each that does not exit 0 with exactly
 * one JSON document. Exit 0 when every lane is equal and nothing failed, 1 otherwise. The project is
 * only read (query-mode `next` writes its prompt file under the temp dir).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const NOT_ON_BOARD = new Set(["genesis", "uninitialized"]);

interface Options {
  project: string;
  bin: string;
  more: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Options {
  let project: string | undefined;
  let bin = join(import.meta.dir, "..", "dist", "spec-kitty");
  let more = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--bin") bin = resolve(argv[++i] ?? "");
    else if (arg === "--more") more = true;
    else if (arg === "--quiet") quiet = true;
    else if (!arg.startsWith("-") && project === undefined) project = resolve(arg);
    else throw new Error(`unknown argument '${arg}'`);
  }
  if (!project) throw new Error("usage: bun scripts/compare-boards.ts <project-dir> [--bin B] [--more]");
  return { project, bin, more, quiet };
}

/** Where the original keeps a mission's status.json: its coordination worktree when there is one. */
function statusFileOf(project: string, dir: string): string | null {
  const coord = join(project, ".worktrees", `${dir}-coord`, "kitty-specs", dir, "status.json");
  if (existsSync(coord)) return coord;
  const primary = join(project, "kitty-specs", dir, "status.json");
  return existsSync(primary) ? primary : null;
}

interface Run {
  ok: boolean;
  doc: Record<string, unknown> | null;
  why: string;
}

/** Runs the binary; ok only with exit 0 and a stdout that is exactly one JSON document. */
function run(bin: string, cwd: string, argv: string[]): Run {
  const proc = Bun.spawnSync([bin, ...argv], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = proc.stdout.toString();
  let doc: Record<string, unknown> | null = null;
  try {
    doc = JSON.parse(out) as Record<string, unknown>;
  } catch {
    return { ok: false, doc: null, why: `stdout is not one JSON document: ${out.slice(0, 200)}` };
  }
  if (proc.exitCode !== 0)
    return { ok: false, doc, why: `exit ${proc.exitCode}: ${String(doc.error ?? "")}` };
  return { ok: true, doc, why: "" };
}

const options = parseArgs(process.argv.slice(2));
const specs = join(options.project, "kitty-specs");
const dirs = readdirSync(specs, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let equal = 0;
let total = 0;
let failures = 0;
let missions = 0;
let unreadable = 0;
const log = (line: string) => {
  if (!options.quiet) console.log(line);
};

for (const dir of dirs) {
  const file = statusFileOf(options.project, dir);
  if (file === null) continue;
  let expected: Record<string, { lane: string }>;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as {
      work_packages?: Record<string, { lane: string }>;
    };
    expected = parsed.work_packages ?? {};
  } catch {
    unreadable++;
    log(`${dir}: status.json is not JSON (skipped; the board is rebuilt from the log)`);
    continue;
  }
  missions++;
  const status = run(options.bin, options.project, ["agent", "tasks", "status", "--mission", dir, "--json"]);
  const wanted = Object.entries(expected).filter(([, state]) => !NOT_ON_BOARD.has(state.lane));
  total += wanted.length;
  if (!status.ok) {
    failures++;
    log(`${dir}: agent tasks status failed: ${status.why}`);
    continue;
  }
  const rows = (status.doc?.work_packages ?? []) as { id: string; lane: string }[];
  const ours = new Map(rows.map((row) => [row.id, row.lane]));
  const wrong: string[] = [];
  for (const [wpId, state] of wanted) {
    if (ours.get(wpId) === state.lane) equal++;
    else wrong.push(`${wpId} ${state.lane} ≠ ${ours.get(wpId) ?? "(missing)"}`);
  }
  if (wrong.length > 0) log(`${dir}: ${wrong.join(", ")}`);
  if (options.more) {
    for (const argv of [
      ["next", "--mission", dir, "--json"],
      ["agent", "tasks", "list-tasks", "--mission", dir, "--json"],
      ["agent", "status", "validate", "--mission", dir, "--json"],
    ]) {
      const other = run(options.bin, options.project, argv);
      if (!other.ok) {
        failures++;
        log(`${dir}: ${argv.slice(0, -3).join(" ")} failed: ${other.why}`);
      }
    }
  }
}

console.log(
  `${missions} missions with status.json${unreadable ? ` (+${unreadable} unreadable)` : ""}: ` +
    `lanes equal ${equal}/${total}, failures ${failures}`,
);
process.exit(equal === total && failures === 0 ? 0 : 1);
