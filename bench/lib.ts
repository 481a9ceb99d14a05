/**
 * Shared benchmark helpers. Timings are medians of several runs after a warm-up, reported next to a
 * compiled Bun "hello" binary (the floor) measured in the same run, because machines here are noisy
 * and only ratios are comparable.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildHost } from "../build.ts";

export const ROOT = join(import.meta.dir, "..");
export const BIN = join(ROOT, "dist", "spec-kitty");

export interface Sample {
  name: string;
  medianMs: number;
  peakRssMb: number;
  ratio?: number;
  note?: string;
}

export function benchTemp(prefix = "sk-bench-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Compiles a Bun "hello" binary: the cheapest possible compiled program, our floor. */
export async function buildFloor(): Promise<string> {
  const dir = join(ROOT, ".bench");
  mkdirSync(dir, { recursive: true });
  const src = join(dir, "hello.ts");
  writeFileSync(src, 'console.log("hello");\n');
  const out = join(dir, "hello");
  const result = await Bun.build({
    entrypoints: [src],
    minify: true,
    compile: { outfile: out, autoloadDotenv: false, autoloadBunfig: false },
  });
  if (!result.success) throw new Error("could not build the floor binary");
  return out;
}

export async function ensureBinary(): Promise<string> {
  await buildHost();
  return BIN;
}

export interface MeasureOptions {
  cwd?: string;
  env?: Record<string, string>;
  runs?: number;
  warmup?: number;
  /** Runs before every timed run (not timed), e.g. to reset a temp dir. Returns the cwd to use. */
  setup?: () => string | undefined;
  /** Expected exit code (default 0); a mismatch aborts the bench, so a broken command is never timed. */
  expectCode?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const TIME = "/usr/bin/time";

/**
 * Peak RSS in MB of one run, from GNU time (Bun's resourceUsage().maxRSS is not per-child here).
 * Measured in a separate, untimed run so the wrapper never inflates wall times.
 */
function peakRss(argv: string[], cwd: string, env: Record<string, string>): number {
  if (!Bun.file(TIME).size) return Number.NaN;
  const proc = Bun.spawnSync([TIME, "-f", "%M", ...argv], { cwd, env, stdout: "ignore", stderr: "pipe" });
  const last = proc.stderr.toString().trim().split("\n").pop() ?? "";
  return Number.parseInt(last, 10) / 1024;
}

/** Median wall time and peak RSS of `argv`, spawned fresh each run. */
export function measure(name: string, argv: string[], options: MeasureOptions = {}): Sample {
  const runs = options.runs ?? 11;
  const warmup = options.warmup ?? 2;
  const times: number[] = [];
  let peak = Number.NaN;
  for (let i = 0; i < warmup + runs; i++) {
    const cwd = options.setup?.() ?? options.cwd ?? ROOT;
    const started = performance.now();
    const env = { PATH: process.env.PATH ?? "", HOME: cwd, NO_COLOR: "1", ...options.env };
    const proc = Bun.spawnSync(argv, {
      cwd,
      env,
      stdout: "ignore",
      stderr: "pipe",
    });
    const elapsed = performance.now() - started;
    if (proc.exitCode !== (options.expectCode ?? 0)) {
      throw new Error(`${name}: ${argv.join(" ")} exited ${proc.exitCode}: ${proc.stderr.toString()}`);
    }
    if (i >= warmup) times.push(elapsed);
    if (i === warmup + runs - 1) peak = peakRss(argv, options.setup?.() ?? cwd, env);
  }
  return { name, medianMs: median(times), peakRssMb: peak };
}

/** Prints a Markdown table with each sample's ratio to the floor. */
export function report(title: string, floor: Sample, samples: Sample[]): string {
  const rows = [floor, ...samples].map((s) => {
    const ratio = s === floor ? "1.00" : (s.medianMs / floor.medianMs).toFixed(2);
    return `| ${s.name} | ${s.medianMs.toFixed(1)} | ${ratio} | ${s.peakRssMb.toFixed(1)} |${s.note ? ` ${s.note} |` : ""}`;
  });
  const table = [
    `### ${title}`,
    "",
    "| command | median ms | × floor | peak RSS MB |",
    "|---|---:|---:|---:|",
    ...rows,
  ];
  const text = `${table.join("\n")}\n`;
  console.log(text);
  return text;
}
