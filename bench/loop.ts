/**
 * The agent loop on a 30-WP mission: `next` in query and advance mode, and `agent action implement`
 * resuming a WP in an existing lane worktree. Git's own share is measured separately (a one-off run of
 * the git commands the implementation makes), since the budget is "≤ 2 × floor plus git time".
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-loop";
const GIT_ENV = {
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

function run(cwd: string, argv: string[]): void {
  const proc = Bun.spawnSync(argv, {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...GIT_ENV },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${proc.stderr.toString()}`);
}

/** 30 WPs in chains of three (10 code lanes), finalized and committed. */
function thirtyWpProject(): string {
  const root = join(benchTemp("sk-bench-loop-"), "proj");
  const dir = join(root, "kitty-specs", SLUG);
  mkdirSync(join(dir, "tasks"), { recursive: true });
  mkdirSync(join(root, ".kittify"), { recursive: true });
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  writeFileSync(
    join(dir, "meta.json"),
    `${JSON.stringify({ mission_id: "01JBENCH0000000000000000LP", mission_number: "001", mission_slug: SLUG, mission_type: "software-dev", slug: SLUG, target_branch: "main" }, null, 2)}\n`,
  );
  writeFileSync(join(dir, "spec.md"), "# Spec\n\nBench mission.\n\n- FR-001: do it\n");
  writeFileSync(join(dir, "plan.md"), "# Plan\n\nBench plan.\n");
  const sections: string[] = ["# Work Packages\n"];
  for (let i = 1; i <= 30; i++) {
    const id = `WP${String(i).padStart(2, "0")}`;
    const dep = i % 3 === 1 ? "" : `\nDepends on WP${String(i - 1).padStart(2, "0")}\n`;
    sections.push(
      `## ${id}: part ${i}\n\n**Requirement Refs**: FR-001\n\n- [ ] T${String(i).padStart(3, "0")} write src/p${i}.ts\n${dep}`,
    );
    writeFileSync(
      join(dir, "tasks", `${id}-part-${i}.md`),
      `---\nwork_package_id: "${id}"\ntitle: "Part ${i}"\nowned_files:\n  - src/p${i}.ts\n---\n\n# ${id}\n\nWrite src/p${i}.ts.\n`,
    );
  }
  writeFileSync(join(dir, "tasks.md"), sections.join("\n"));
  run(root, ["git", "init", "-q", "-b", "main"]);
  run(root, ["git", "add", "-A"]);
  run(root, ["git", "commit", "-q", "-m", "init"]);
  run(root, [BIN, "agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  run(root, ["git", "add", "-A"]);
  run(root, ["git", "commit", "-q", "-m", "finalize"]);
  run(root, [BIN, "agent", "action", "implement", "WP01", "--agent", "claude", "--mission", SLUG]);
  return root;
}

export async function benchLoop(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const root = thirtyWpProject();
  const env = { ...GIT_ENV, TMPDIR: join(root, "..") };
  const budget = (s: Sample, note: string): Sample => ({ ...s, ratio: s.medianMs / floor.medianMs, note });
  const next = (extra: string[]) => [BIN, "next", "--agent", "claude", "--mission", SLUG, "--json", ...extra];
  const query = measure("next (query, 30 WPs)", next([]), { cwd: root, env });
  const advance = measure("next --result success (30 WPs)", next(["--result", "success"]), {
    cwd: root,
    env,
  });
  const implement = measure(
    "agent action implement (worktree reuse)",
    [BIN, "agent", "action", "implement", "WP01", "--agent", "claude", "--mission", SLUG],
    { cwd: root, env },
  );
  // Git's share: the calls a resume makes (is-inside-work-tree, rev-parse ×3, symbolic-ref, status,
  // git-common-dir), approximated by one representative call times their count.
  const ws = join(root, ".worktrees", `${SLUG}-lane-a`);
  const gitOne = measure("git status --porcelain (one call)", ["git", "status", "--porcelain"], {
    cwd: ws,
    env,
  });
  const gitCalls = 7;
  const gitShare = gitOne.medianMs * gitCalls;
  return [
    budget(query, "budget ≤ 2 × floor; no git"),
    budget(advance, "budget ≤ 2 × floor (+1 git call for the lock path)"),
    budget(implement, `budget ≤ 2 × floor + git (≈ ${gitShare.toFixed(1)} ms for ${gitCalls} git calls)`),
    { ...gitOne, ratio: gitOne.medianMs / floor.medianMs, note: `× ${gitCalls} per implement` },
  ];
}
