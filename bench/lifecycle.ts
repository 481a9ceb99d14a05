/**
 * Lifecycle commands on a project set up by init (claude and codex) holding the 30-WP bench mission:
 * completion (must feel instant), agent config status, mission list, charter context, upgrade and
 * doctor (read-only runs: a project already current, so every sample does the same work).
 */
import { join } from "node:path";
import { BIN, benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

export async function benchLifecycle(floor: Sample): Promise<Sample[]> {
  await ensureBinary();
  const root = benchTemp("sk-bench-life-");
  Bun.spawnSync([BIN, "init", "p", "--ai", "claude,codex", "--non-interactive"], { cwd: root });
  const cwd = join(root, "p");
  for (let i = 1; i <= 30; i++) {
    Bun.spawnSync([BIN, "agent", "mission", "create", `m${i}`, "--json"], {
      cwd,
      env: { PATH: process.env.PATH ?? "" },
    });
  }
  const run = (name: string, args: string[], note: string, expectCode = 0): Sample => {
    const sample = measure(name, [BIN, ...args], { cwd, expectCode });
    return { ...sample, ratio: sample.medianMs / floor.medianMs, note };
  };
  return [
    run("__complete (commands)", ["__complete", "--", ""], "completion: instant ≈ floor"),
    run(
      "__complete (WP ids of a mission)",
      ["__complete", "--", "agent", "tasks", "move-task", "--mission", "001-m1", ""],
      "completion",
    ),
    run(
      "__complete (mission handles, 30 missions)",
      ["__complete", "--", "next", "--mission", ""],
      "completion",
    ),
    run("agent config status", ["agent", "config", "status", "--json"], "reads 26 files + manifest"),
    run("mission list (30 missions)", ["mission", "list", "--json"], "reads every mission"),
    run("charter context --action implement", ["charter", "context", "--action", "implement", "--json"], ""),
    run("upgrade --dry-run (current project)", ["upgrade", "--dry-run", "--json"], "plans every migration"),
    run("doctor (no git)", ["doctor", "--json"], "every check"),
  ];
}
