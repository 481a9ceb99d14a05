/**
 * The project the loop, merge and dispatch benches start from: one mission of `count` WPs in chains of
 * `chain` (so one code lane per chain), each owning `src/p<i>.ts`, committed and finalized. Also the
 * one way a bench runs a command: git with a fixed identity and no user config, failing loudly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN } from "./lib.ts";

export const BENCH_GIT_ENV = {
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** Runs `argv` in `cwd` (HOME there too) and returns its stdout; throws with stderr when it fails. */
export function benchRun(cwd: string, argv: string[], env: Record<string, string> = {}): string {
  const proc = Bun.spawnSync(argv, {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, ...BENCH_GIT_ENV, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0)
    throw new Error(`${argv.join(" ")} failed: ${proc.stderr.toString()}${proc.stdout.toString()}`);
  return proc.stdout.toString();
}

/** Commits everything in `dir` unless spec-kitty's auto-commit left nothing to commit. */
export function commitAll(dir: string, message: string): void {
  benchRun(dir, ["git", "add", "-A"]);
  if (benchRun(dir, ["git", "status", "--porcelain"]).trim() !== "")
    benchRun(dir, ["git", "commit", "-q", "-m", message]);
}

export const wpId = (i: number) => `WP${String(i).padStart(2, "0")}`;

export interface ChainProject {
  /** Where the project goes (created). */
  root: string;
  slug: string;
  /** A fixed ULID, so every run of a bench reads the same mission. */
  missionId: string;
  count: number;
  chain: number;
  /** One subtask per WP (`T00<i>`) in tasks.md. */
  subtasks: boolean;
}

export function chainProject(p: ChainProject): string {
  const dir = join(p.root, "kitty-specs", p.slug);
  mkdirSync(join(dir, "tasks"), { recursive: true });
  mkdirSync(join(p.root, ".kittify"), { recursive: true });
  writeFileSync(join(p.root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  const meta = {
    mission_id: p.missionId,
    mission_number: "001",
    mission_slug: p.slug,
    mission_type: "software-dev",
    slug: p.slug,
    target_branch: "main",
  };
  writeFileSync(join(dir, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  writeFileSync(join(dir, "spec.md"), "# Spec\n\nBench mission.\n\n- FR-001: do it\n");
  writeFileSync(join(dir, "plan.md"), "# Plan\n\nBench plan.\n");
  const sections = ["# Work Packages\n"];
  for (let i = 1; i <= p.count; i++) {
    const dep = (i - 1) % p.chain === 0 ? "" : `\nDepends on ${wpId(i - 1)}\n`;
    const subtask = p.subtasks ? `\n- [ ] T${String(i).padStart(3, "0")} write src/p${i}.ts\n` : "";
    sections.push(`## ${wpId(i)}: part ${i}\n\n**Requirement Refs**: FR-001\n${subtask}${dep}`);
    writeFileSync(
      join(dir, "tasks", `${wpId(i)}-part-${i}.md`),
      `---\nwork_package_id: "${wpId(i)}"\ntitle: "Part ${i}"\nowned_files:\n  - src/p${i}.ts\n---\n\n# ${wpId(i)}\n\nWrite src/p${i}.ts.\n`,
    );
  }
  writeFileSync(join(dir, "tasks.md"), sections.join("\n"));
  benchRun(p.root, ["git", "init", "-q", "-b", "main"]);
  commitAll(p.root, "init");
  benchRun(p.root, [BIN, "agent", "mission", "finalize-tasks", "--mission", p.slug, "--json"]);
  commitAll(p.root, "finalize");
  return p.root;
}
