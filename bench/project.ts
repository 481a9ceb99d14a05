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
const floor = measure("bun hello (floor)", [await buildFloor()], { runs: 11 });
const tmp = benchTemp();
const commands: Record<string, (mission: string) => string[]> = {
  "agent tasks status --json": (m) => [bin, "agent", "tasks", "status", "--mission", m, "--json"],
  "next --json": (m) => [bin, "next", "--mission", m, "--json"],
};

const ratio = (ms: number) => (ms / floor.medianMs).toFixed(2);
const rows: string[] = [];
for (const [name, argv] of Object.entries(commands)) {
  const samples: Sample[] = missions.map((m) =>
    measure(m, argv(m), { cwd: root, runs, warmup: 1, env: { TMPDIR: tmp } }),
  );
  const sorted = [...samples].sort((a, b) => a.medianMs - b.medianMs);
  const total = samples.reduce((sum, s) => sum + s.medianMs, 0);
  const median = sorted[Math.floor(sorted.length / 2)] as Sample;
  const worst = sorted[sorted.length - 1] as Sample;
  const peak = Math.max(...samples.map((s) => s.peakRssMb));
  rows.push(
    `| ${name} | ${samples.length} | ${(total / 1000).toFixed(2)} s | ${median.medianMs.toFixed(1)} (${ratio(median.medianMs)}×) | ${worst.medianMs.toFixed(1)} (${ratio(worst.medianMs)}×) ${worst.name} | ${peak.toFixed(1)} |`,
  );
}

console.log(
  [
    `### ${root}: every mission (median of ${runs} runs each)`,
    "",
    `floor (compiled Bun hello): ${floor.medianMs.toFixed(1)} ms`,
    "",
    "| command | missions | total | median mission ms (× floor) | worst mission ms (× floor) | peak RSS MB |",
    "|---|---:|---:|---:|---|---:|",
    ...rows,
  ].join("\n"),
);
