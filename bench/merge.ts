/**
 * `merge` of a 30-WP mission (10 code lanes of three WPs, every WP approved) across clones: the plan
 * (`--dry-run`) and the whole merge, with the lanes as local branches and with the lanes only on the
 * remote (a fresh clone), with and without `--push` (which also deletes the 10 remote lane branches).
 * Each timed merge runs in its own fresh clone of its own copy of the remote, set up untimed.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_GIT_ENV, benchRun, chainProject, commitAll, wpId } from "./chain-project.ts";
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-merge";
const LANES = 10;
/** The mission's files: 30 WPs in chains of three (one lane each), finalized on main. */
function project(base: string): string {
  return chainProject({
    root: join(base, "proj"),
    slug: SLUG,
    missionId: "01JBENCH0000000000000000MG",
    count: LANES * 3,
    chain: 3,
    subtasks: true,
  });
}

/** Every WP implemented (one commit each, in its lane worktree) and approved; pushed to a bare remote. */
function approvedOnRemote(): { root: string; remote: string } {
  const base = benchTemp("sk-bench-merge-");
  const root = project(base);
  const m = ["--mission", SLUG];
  for (let i = 1; i <= LANES * 3; i += 3) {
    const ws = JSON.parse(
      benchRun(root, [BIN, "agent", "action", "implement", wpId(i), "--agent", "claude", ...m, "--json"]),
    ).workspace_path as string;
    for (let k = i; k < i + 3; k++) {
      mkdirSync(join(ws, "src"), { recursive: true });
      writeFileSync(join(ws, "src", `p${k}.ts`), `export const p${k} = ${k};\n`);
      benchRun(ws, ["git", "add", "-A"]);
      benchRun(ws, ["git", "commit", "-q", "-m", `${wpId(k)}: p${k}`]);
    }
  }
  const subtasks = Array.from({ length: LANES * 3 }, (_, i) => `T${String(i + 1).padStart(3, "0")}`).join(
    ",",
  );
  benchRun(root, [BIN, "agent", "tasks", "mark-status", subtasks, "--status", "done", ...m]);
  for (let i = 1; i <= LANES * 3; i++)
    benchRun(root, [
      BIN,
      "agent",
      "tasks",
      "move-task",
      wpId(i),
      "--to",
      "approved",
      "--agent",
      "claude",
      ...m,
    ]);
  commitAll(root, "approved");
  const remote = join(base, "remote.git");
  benchRun(base, ["git", "init", "-q", "--bare", "-b", "main", remote]);
  benchRun(root, ["git", "remote", "add", "origin", remote]);
  benchRun(root, ["git", "push", "-q", "origin", "main", "refs/heads/kitty/*:refs/heads/kitty/*"]);
  return { root, remote };
}

/** A fresh clone of a fresh copy of `remote`; with `local`, every lane also as a local branch. */
function freshClone(remote: string, local: boolean): string {
  const base = mkdtempSync(join(benchTemp("sk-bench-merge-run-"), "r-"));
  const copy = join(base, "remote.git");
  cpSync(remote, copy, { recursive: true });
  const clone = join(base, "clone");
  benchRun(base, ["git", "clone", "-q", copy, clone]);
  if (local) {
    const lanes = benchRun(clone, [
      "git",
      "for-each-ref",
      "--format=%(refname:lstrip=3)",
      "refs/remotes/origin/kitty/",
    ]);
    for (const lane of lanes.split("\n").filter(Boolean))
      benchRun(clone, ["git", "branch", "-q", "--track", lane, `origin/${lane}`]);
  }
  return clone;
}

export async function benchMerge(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const { remote } = approvedOnRemote();
  const env = { ...BENCH_GIT_ENV };
  const merge = (extra: string[]) => [BIN, "merge", "--mission", SLUG, "--json", ...extra];
  const opts = (local: boolean, runs = 5) => ({
    env,
    runs,
    warmup: 1,
    setup: () => freshClone(remote, local),
  });
  const samples = [
    measure("merge --dry-run (10 local lanes)", merge(["--dry-run"]), opts(true, 9)),
    measure("merge --dry-run (10 remote-only lanes)", merge(["--dry-run"]), opts(false, 9)),
    measure("merge (10 local lanes, 30 WPs)", merge([]), opts(true)),
    measure("merge (10 remote-only lanes, 30 WPs)", merge([]), opts(false)),
    measure("merge --push (10 remote-only lanes, deletes them)", merge(["--push"]), opts(false)),
    measure("merge --fetch --push (10 remote-only lanes)", merge(["--fetch", "--push"]), opts(false)),
  ];
  return samples.map((s) => ({ ...s, ratio: s.medianMs / floor.medianMs }));
}
