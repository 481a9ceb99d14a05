/**
 * The agent loop on a 30-WP mission: `next` in query and advance mode, and `agent action implement`
 * resuming a WP in an existing lane worktree. Git's own share is measured separately (a one-off run of
 * the git commands the implementation makes), since the budget is "≤ 2 × floor plus git time".
 */
import { join } from "node:path";
import { BENCH_GIT_ENV, benchRun, chainProject } from "./chain-project.ts";
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-loop";
/** 30 WPs in chains of three (10 code lanes), finalized and committed; WP01 in progress. */
function thirtyWpProject(): string {
  const root = chainProject({
    root: join(benchTemp("sk-bench-loop-"), "proj"),
    slug: SLUG,
    missionId: "01JBENCH0000000000000000LP",
    count: 30,
    chain: 3,
    subtasks: true,
  });
  benchRun(root, [BIN, "agent", "action", "implement", "WP01", "--agent", "claude", "--mission", SLUG]);
  return root;
}

export async function benchLoop(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const root = thirtyWpProject();
  const env = { ...BENCH_GIT_ENV, TMPDIR: join(root, "..") };
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
