/**
 * `agent tasks status` and `next` over every mission of a real project, against the compiled Bun
 * "hello" floor: `bun bench/project.ts <project-dir> [--runs N]`. For each command it prints the total
 * over all missions (the sum of each mission's median), the median mission and the worst one, each
 * with its ratio to the floor. Every run must exit 0, so a mission that fails aborts the bench. The
 * project is only read (query-mode `next` writes its prompt file under the temp dir).
 *
 * Here it runs on upstream spec-kitty's own tree (`git archive v3.2.5 kitty-specs .kittify`), which is
 * not part of this repository.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { benchTemp, buildFloor, ensureBinary, measure, type Sample } from "./lib.ts";

const [project, flag, value] = process.argv.slice(2);
if (!project || project.startsWith("-") || (flag !== undefined && flag !== "--runs"))
  throw new Error("usage: bun bench/project.ts <project-dir> [--runs N]");
const runs = flag === "--runs" ? Number(value) : 3;
const root = resolve(project);

const missions = readdirSync(join(root, "kitty-specs"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, "kitty-specs", entry.name, "meta.json")))
  .map((entry) => entry.name)
  .sort();

const bin = await ensureBinary();
const floorBin = await buildFloor();
const tmp = benchTemp();
const commands: Record<string, (mission: string) => string[]> = {
  "agent tasks status --json": (m) => [bin, "agent", "tasks", "status", "--mission", m, "--json"],
  "next --json": (m) => [bin, "next", "--mission", m, "--json"],
};

interface PerMission {
  mission: string;
  ms: number;
  /** Against the floor measured right before it: the machine is shared, so only ratios compare. */
  ratio: number;
  rss: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rows: string[] = [];
const floors: number[] = [];
for (const [name, argv] of Object.entries(commands)) {
  const results: PerMission[] = missions.map((mission) => {
    const floor: Sample = measure("floor", [floorBin], { runs, warmup: 1 });
    floors.push(floor.medianMs);
    const sample = measure(mission, argv(mission), { cwd: root, runs, warmup: 1, env: { TMPDIR: tmp } });
    return { mission, ms: sample.medianMs, ratio: sample.medianMs / floor.medianMs, rss: sample.peakRssMb };
  });
  const total = results.reduce((sum, r) => sum + r.ms, 0);
  const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  rows.push(
    `| ${name} | ${results.length} | ${(total / 1000).toFixed(2)} s | ${median(results.map((r) => r.ms)).toFixed(1)} ms (${median(results.map((r) => r.ratio)).toFixed(2)}×) | ${worst.ms.toFixed(1)} ms (${worst.ratio.toFixed(2)}×) ${worst.mission} | ${Math.max(...results.map((r) => r.rss)).toFixed(1)} |`,
  );
}

console.log(
  [
    `### ${root}: every mission (median of ${runs} runs each; floor re-measured before each mission)`,
    "",
    `floor (compiled Bun hello): median ${median(floors).toFixed(1)} ms over the run`,
    "",
    "| command | missions | total | median mission (× floor) | worst mission (× floor) | peak RSS MB |",
    "|---|---:|---:|---:|---|---:|",
    ...rows,
  ].join("\n"),
);
