/**
 * `merge` of a 30-WP mission (10 code lanes of three WPs, every WP approved) across clones: the plan
 * (`--dry-run`) and the whole merge, with the lanes as local branches and with the lanes only on the
 * remote (a fresh clone), with and without `--push` (which also deletes the 10 remote lane branches).
 * Each timed merge runs in its own fresh clone of its own copy of the remote, set up untimed.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-merge";
const LANES = 10;
const ENV = {
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

function run(cwd: string, argv: string[]): string {
  const proc = Bun.spawnSync(argv, {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, ...ENV },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${proc.stderr.toString()}`);
  return proc.stdout.toString().trim();
}

const wpId = (i: number) => `WP${String(i).padStart(2, "0")}`;

/** The mission's files: 30 WPs in chains of three (one lane each), finalized on main. */
function project(base: string): string {
  const root = join(base, "proj");
  const dir = join(root, "kitty-specs", SLUG);
  mkdirSync(join(dir, "tasks"), { recursive: true });
  mkdirSync(join(root, ".kittify"), { recursive: true });
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  writeFileSync(
    join(dir, "meta.json"),
    `${JSON.stringify({ mission_id: "01JBENCH0000000000000000MG", mission_number: "001", mission_slug: SLUG, mission_type: "software-dev", slug: SLUG, target_branch: "main" }, null, 2)}\n`,
  );
  writeFileSync(join(dir, "spec.md"), "# Spec\n\nBench mission.\n\n- FR-001: do it\n");
  writeFileSync(join(dir, "plan.md"), "# Plan\n\nBench plan.\n");
  const sections = ["# Work Packages\n"];
  for (let i = 1; i <= LANES * 3; i++) {
    const dep = i % 3 === 1 ? "" : `\nDepends on ${wpId(i - 1)}\n`;
    sections.push(
      `## ${wpId(i)}: part ${i}\n\n**Requirement Refs**: FR-001\n\n- [ ] T${String(i).padStart(3, "0")} write src/p${i}.ts\n${dep}`,
    );
    writeFileSync(
      join(dir, "tasks", `${wpId(i)}-part-${i}.md`),
      `---\nwork_package_id: "${wpId(i)}"\ntitle: "Part ${i}"\nowned_files:\n  - src/p${i}.ts\n---\n\n# ${wpId(i)}\n`,
    );
  }
  writeFileSync(join(dir, "tasks.md"), sections.join("\n"));
  run(root, ["git", "init", "-q", "-b", "main"]);
  run(root, ["git", "add", "-A"]);
  run(root, ["git", "commit", "-q", "-m", "init"]);
  run(root, [BIN, "agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  return root;
}

/** Every WP implemented (one commit each, in its lane worktree) and approved; pushed to a bare remote. */
function approvedOnRemote(): { root: string; remote: string } {
  const base = benchTemp("sk-bench-merge-");
  const root = project(base);
  const m = ["--mission", SLUG];
  for (let i = 1; i <= LANES * 3; i += 3) {
    const ws = JSON.parse(
      run(root, [BIN, "agent", "action", "implement", wpId(i), "--agent", "claude", ...m, "--json"]),
    ).workspace_path as string;
    for (let k = i; k < i + 3; k++) {
      mkdirSync(join(ws, "src"), { recursive: true });
      writeFileSync(join(ws, "src", `p${k}.ts`), `export const p${k} = ${k};\n`);
      run(ws, ["git", "add", "-A"]);
      run(ws, ["git", "commit", "-q", "-m", `${wpId(k)}: p${k}`]);
    }
  }
  const subtasks = Array.from({ length: LANES * 3 }, (_, i) => `T${String(i + 1).padStart(3, "0")}`).join(
    ",",
  );
  run(root, [BIN, "agent", "tasks", "mark-status", subtasks, "--status", "done", ...m]);
  for (let i = 1; i <= LANES * 3; i++)
    run(root, [BIN, "agent", "tasks", "move-task", wpId(i), "--to", "approved", "--agent", "claude", ...m]);
  run(root, ["git", "add", "-A"]);
  run(root, ["git", "commit", "-q", "-m", "approved"]);
  const remote = join(base, "remote.git");
  run(base, ["git", "init", "-q", "--bare", "-b", "main", remote]);
  run(root, ["git", "remote", "add", "origin", remote]);
  run(root, ["git", "push", "-q", "origin", "main", "refs/heads/kitty/*:refs/heads/kitty/*"]);
  return { root, remote };
}

/** A fresh clone of a fresh copy of `remote`; with `local`, every lane also as a local branch. */
function freshClone(remote: string, local: boolean): string {
  const base = mkdtempSync(join(benchTemp("sk-bench-merge-run-"), "r-"));
  const copy = join(base, "remote.git");
  cpSync(remote, copy, { recursive: true });
  const clone = join(base, "clone");
  run(base, ["git", "clone", "-q", copy, clone]);
  if (local) {
    const lanes = run(clone, [
      "git",
      "for-each-ref",
      "--format=%(refname:lstrip=3)",
      "refs/remotes/origin/kitty/",
    ]);
    for (const lane of lanes.split("\n").filter(Boolean))
      run(clone, ["git", "branch", "-q", "--track", lane, `origin/${lane}`]);
  }
  return clone;
}

export async function benchMerge(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const { remote } = approvedOnRemote();
  const env = { ...ENV };
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
