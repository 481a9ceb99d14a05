/**
 * `spec-kitty dispatch` with fake agents (sh scripts on PATH named `claude`):
 *
 * 1. Dispatcher overhead per WP, for 10, 100 and 1,000 WPs (chains of 10 WPs, so 1, 10 and 100
 *    lanes), with agents that only hand their WP on (`move-task`) and exit, run one at a time
 *    (`--max 1`): overhead = (wall time − the agents' own time, as the dispatcher measured each run)
 *    ÷ WPs. It covers claiming, worktree creation and setup, prompt files, the journal and the logs.
 * 2. Wall time of 8 independent WPs whose agents sleep 1 s per run (implement and review), with
 *    --max 1 and --max 4; the ideal speed-up is 4×.
 *
 * `npx bun run bench/run.ts dispatch` (sizes: SK_BENCH_DISPATCH_SIZES=10,100,1000).
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { benchRun, chainProject } from "./chain-project.ts";
import { BIN, benchTemp, ensureBinary, type Sample } from "./lib.ts";

const SLUG = "001-bench-dispatch";
/** `count` WPs without subtasks; WPs in chains of `chain` (each chain one lane), finalized and committed. */
export function project(count: number, chain: number): string {
  return chainProject({
    root: join(benchTemp("sk-bench-dispatch-"), "proj"),
    slug: SLUG,
    missionId: "01JBENCH00000000000000DSPT",
    count,
    chain,
    subtasks: false,
  });
}

/** A fake `claude` that sleeps `sleep` seconds, then hands its WP on with the real binary. */
function fakeAgent(dir: string, sleep: number): string {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  const path = join(bin, "claude");
  writeFileSync(
    path,
    `#!/bin/sh\n${sleep > 0 ? `sleep ${sleep}\n` : ""}if [ "$SPEC_KITTY_ROLE" = implement ]; then to=for_review; else to=approved; fi\nexec spec-kitty agent tasks move-task "$SPEC_KITTY_WP" --to "$to" --mission "$SPEC_KITTY_MISSION" --agent claude >/dev/null\n`,
  );
  chmodSync(path, 0o755);
  return bin;
}

interface DispatchRun {
  wallMs: number;
  agentMs: number;
  runs: number;
}

function dispatch(root: string, bin: string, max: number): DispatchRun {
  const started = performance.now();
  const out = benchRun(
    root,
    [BIN, "dispatch", "--mission", SLUG, "--agents", "claude", "--max", String(max), "--json"],
    {
      PATH: `${bin}:${process.env.PATH ?? ""}`,
    },
  );
  const wallMs = performance.now() - started;
  const summary = JSON.parse(out) as { complete: boolean; runs: { seconds: number }[] };
  if (!summary.complete) throw new Error(`dispatch did not complete: ${out.slice(0, 500)}`);
  return {
    wallMs,
    agentMs: summary.runs.reduce((sum, r) => sum + r.seconds * 1000, 0),
    runs: summary.runs.length,
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function benchDispatch(): Promise<Sample[]> {
  await ensureBinary();
  const samples: Sample[] = [];
  const sizes = (process.env.SK_BENCH_DISPATCH_SIZES ?? "10,100,1000").split(",").map(Number);
  const rows: string[] = [];
  for (const size of sizes) {
    const repeats = size >= 1000 ? 1 : size >= 100 ? 3 : 5;
    const results: DispatchRun[] = [];
    for (let r = 0; r < repeats; r++) {
      const root = project(size, 10);
      results.push(dispatch(root, fakeAgent(join(root, ".."), 0), 1));
      rmSync(dirname(root), { recursive: true, force: true });
    }
    const perWp = results.map((x) => (x.wallMs - x.agentMs) / size);
    const wall = median(results.map((x) => x.wallMs));
    rows.push(
      `| ${size} | ${Math.ceil(size / 10)} | ${repeats} | ${(wall / 1000).toFixed(1)} | ${(median(results.map((x) => x.agentMs)) / 1000).toFixed(1)} | ${median(perWp).toFixed(0)} |`,
    );
    samples.push({
      name: `dispatch overhead per WP, ${size} WPs`,
      medianMs: median(perWp),
      peakRssMb: Number.NaN,
    });
  }
  console.log(
    [
      "### dispatch overhead (fake agents that hand over at once, --max 1, chains of 10 WPs per lane)",
      "",
      "| WPs | lanes | runs | wall s | agents' own s | overhead per WP ms |",
      "|---:|---:|---:|---:|---:|---:|",
      ...rows,
      "",
    ].join("\n"),
  );
  const speed: Record<number, number[]> = { 1: [], 4: [] };
  for (let r = 0; r < 3; r++) {
    for (const max of [1, 4]) {
      const root = project(8, 1);
      speed[max]?.push(dispatch(root, fakeAgent(join(root, ".."), 1), max).wallMs);
      rmSync(dirname(root), { recursive: true, force: true });
    }
  }
  const [one, four] = [median(speed[1] ?? []), median(speed[4] ?? [])];
  console.log(
    [
      "### dispatch wall time, 8 independent WPs, agents sleep 1 s per run (implement + review)",
      "",
      "| --max | wall s (median of 3) | speed-up |",
      "|---:|---:|---:|",
      `| 1 | ${(one / 1000).toFixed(1)} | 1.00 |`,
      `| 4 | ${(four / 1000).toFixed(1)} | ${(one / four).toFixed(2)} |`,
      "",
    ].join("\n"),
  );
  samples.push({ name: "dispatch 8 WPs × 1 s, --max 1", medianMs: one, peakRssMb: Number.NaN });
  samples.push({
    name: "dispatch 8 WPs × 1 s, --max 4",
    medianMs: four,
    peakRssMb: Number.NaN,
    note: `${(one / four).toFixed(2)}× faster`,
  });
  return samples;
}
