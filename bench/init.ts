/**
 * `init` timings: each run gets a fresh empty directory (via `setup`), so every sample measures a real
 * first-time init rather than the "already initialized" short cut.
 */
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

export async function benchInit(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const fresh = () => benchTemp("sk-bench-init-");
  const run = (name: string, args: string[]): Sample => {
    const sample = measure(name, [BIN, "init", ...args, "--non-interactive"], { setup: fresh });
    return { ...sample, ratio: sample.medianMs / floor.medianMs, note: "budget ≤ 2 × floor" };
  };
  return [
    run("init --ai codex", ["--ai", "codex"]),
    run("init --ai claude,codex,gemini", ["--ai", "claude,codex,gemini"]),
    run("init --dry-run --json --ai codex", ["--dry-run", "--json", "--ai", "codex"]),
  ];
}
