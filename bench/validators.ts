/**
 * `npx bun run bench/validators.ts`: what each way of validating our on-disk files costs.
 *   (a) start-up: a tiny entry per candidate that loads it and validates one status event, compiled
 *       exactly as the release binary is (`bun build --compile --minify --bytecode`), against a
 *       compiled hello with the same flags; medians of 21 runs.
 *   (b) per value: 100k validations of status event lines (1,000 distinct lines, cycled), each
 *       candidate in fresh processes so one's JIT state cannot slow another; the median of 5
 *       processes, each reporting its median of 7 rounds.
 * Candidates whose package is not installed are reported as skipped, so the bench keeps running after
 * one is dropped from package.json (`npm i --no-save <pkg>` brings it back for a comparison).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { collectJsonSchemas } from "../scripts/gen-schemas.ts";
import { measure, ROOT } from "./lib.ts";
import { CANDIDATES, type Candidate, DIR, isInstalled, writeGenerated } from "./validators-candidates.ts";
import { sampleEventLines } from "./validators-lib.ts";

const BUN = process.execPath;
const RUNS = 21;

function compile(name: string, source: string): string {
  const src = join(DIR, `${name}.ts`);
  const out = join(DIR, name);
  writeFileSync(src, source);
  const proc = Bun.spawnSync([BUN, "build", "--compile", "--minify", "--bytecode", src, "--outfile", out], {
    cwd: ROOT,
    stdout: "ignore",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) throw new Error(`compiling ${name} failed: ${proc.stderr.toString()}`);
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** (b) in this process: median ns per validation over 7 rounds of 100k, after one warm-up round. */
async function perValue(candidate: Candidate): Promise<number> {
  const check = await (candidate.check as NonNullable<Candidate["check"]>)(await collectJsonSchemas());
  const values = sampleEventLines(1_000).map((line) => JSON.parse(line) as unknown);
  const rounds: number[] = [];
  for (let round = 0; round < 8; round++) {
    let ok = 0;
    const started = Bun.nanoseconds();
    for (let i = 0; i < 100_000; i++) if (check(values[i % values.length])) ok++;
    const elapsed = Bun.nanoseconds() - started;
    if (ok !== 100_000) throw new Error(`${candidate.name} rejected a valid status event`);
    if (round > 0) rounds.push(elapsed / 100_000);
  }
  return median(rounds);
}

/** (b) in fresh processes (this script with `--per-value <index>`): the median of 5 processes. */
function perValueIsolated(index: number): number {
  const results: number[] = [];
  for (let run = 0; run < 5; run++) {
    const proc = Bun.spawnSync([BUN, "run", import.meta.path, "--per-value", String(index)], {
      cwd: ROOT,
      stderr: "pipe",
    });
    if (proc.exitCode !== 0) throw new Error(`per-value run ${index} failed: ${proc.stderr.toString()}`);
    results.push(Number(proc.stdout.toString().trim()));
  }
  return median(results);
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const schemas = await collectJsonSchemas();
  await writeGenerated(schemas);
  const hello = compile("hello", 'console.log("hello");\n');
  const floor = measure("compiled hello (floor)", [hello], { runs: RUNS });
  const rows: string[] = [];
  for (const [index, candidate] of CANDIDATES.entries()) {
    const missing = candidate.needs.filter((pkg) => !isInstalled(pkg));
    if (missing.length) {
      rows.push(`| ${candidate.name} | skipped: ${missing.join(", ")} not installed | | | |`);
      continue;
    }
    let wall = "—";
    let added = "—";
    if (candidate.entry) {
      const slug = candidate.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      const startup = measure(candidate.name, [compile(slug, candidate.entry(schemas))], { runs: RUNS });
      wall = startup.medianMs.toFixed(1);
      added = (startup.medianMs - floor.medianMs).toFixed(1);
    }
    const ns = candidate.check ? perValueIsolated(index).toFixed(0) : "—";
    rows.push(`| ${candidate.name} | ${wall} | ${added} | ${ns} |`);
  }
  console.log(`compiled hello (floor): ${floor.medianMs.toFixed(1)} ms, median of ${RUNS}\n`);
  console.log("| candidate | start-up ms | added to floor ms | ns per status event |");
  console.log("|---|---:|---:|---:|");
  console.log(rows.join("\n"));
}

const flag = process.argv.indexOf("--per-value");
if (flag !== -1) {
  const candidate = CANDIDATES[Number(process.argv[flag + 1])];
  if (!candidate) throw new Error("--per-value needs a candidate index");
  console.log(await perValue(candidate));
} else {
  await main();
}
