/**
 * Lock takeover latency: the status lock is left held by a dead process (a command killed right after
 * taking it, SPEC_KITTY_FAULT=lock-held:status), then the next command that needs it is timed, with
 * the default waits. Compared with the same command when no lock is held. The figure before:
 * 10–11 s (the old lock waited for the dead holder's lock to go stale).
 *
 * SPEC_KITTY_BENCH_OLD_BIN=<binary> adds one row for an older build, whose dead holder is simulated as
 * proper-lockfile left it: a `status.lock` directory stamped up to 1 s into the future (one run).
 */
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-locks";

function makeProject(): string {
  const root = benchTemp("sk-bench-locks-");
  const dir = join(root, "kitty-specs", SLUG);
  mkdirSync(join(root, ".kittify"), { recursive: true });
  mkdirSync(join(dir, "tasks"), { recursive: true });
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  writeFileSync(join(dir, "meta.json"), `${JSON.stringify({ mission_slug: SLUG, slug: SLUG }, null, 2)}\n`);
  writeFileSync(
    join(dir, "tasks", "WP01-work.md"),
    "---\nwork_package_id: WP01\ntitle: Work\n---\n\n# WP01\n",
  );
  Bun.spawnSync(["git", "init", "-q", "-b", "main"], { cwd: root });
  return root;
}

export async function benchLocks(): Promise<Sample[]> {
  const bin = await ensureBinary();
  const root = makeProject();
  const materialize = [bin, "agent", "status", "materialize", "--mission", SLUG];
  const env = { PATH: process.env.PATH ?? "", HOME: root, NO_COLOR: "1" };
  const leaveDeadHolder = () => {
    const killed = Bun.spawnSync(materialize, {
      cwd: root,
      env: { ...env, SPEC_KITTY_FAULT: "lock-held:status" },
    });
    if (killed.exitCode === 0) throw new Error("the fault hook did not kill the holder");
    return root;
  };
  const samples: Sample[] = [
    measure("materialize, lock free", materialize, { cwd: root }),
    {
      ...measure("materialize after a killed holder", materialize, { setup: leaveDeadHolder }),
      note: "dead holder taken over",
    },
  ];
  const old = process.env.SPEC_KITTY_BENCH_OLD_BIN;
  if (old) {
    const stale = () => {
      const lock = join(root, ".git", "spec-kitty", "status.lock");
      mkdirSync(lock, { recursive: true });
      const future = new Date(Date.now() + 1_000);
      utimesSync(lock, future, future);
      return root;
    };
    samples.push({
      ...measure("older build, after a killed holder", [old, ...materialize.slice(1)], {
        setup: stale,
        runs: 1,
        warmup: 0,
      }),
      note: "waits for the lock to go stale",
    });
  }
  return samples;
}
