/**
 * Missions suite: `agent mission create` and `agent mission finalize-tasks` at 30, 300 and 3,000 WPs
 * (generated in temp dirs; WP ids past 99 use the WP100+ form). Finalize runs on a fresh copy every
 * time (setup, untimed) so each timed run does the full write path.
 */

import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchRun, commitAll } from "./chain-project.ts";
import { benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench";

function wpId(n: number): string {
  return n < 100 ? `WP${String(n).padStart(2, "0")}` : `WP${n}`;
}

/** A project with one mission of `count` WPs: chains of three dependent WPs, each owning its own dir. */
export function generateMission(count: number): string {
  const root = join(benchTemp(), "proj");
  const dir = join(root, "kitty-specs", SLUG);
  mkdirSync(join(root, ".kittify"), { recursive: true });
  mkdirSync(join(dir, "tasks"), { recursive: true });
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  auto_commit: false\n");
  writeFileSync(
    join(dir, "meta.json"),
    `${JSON.stringify({ mission_id: "01JNQ4Z7K3M8W2T6R9XCVB5E1A", mission_number: "001", mission_slug: SLUG, slug: SLUG, target_branch: "main" }, null, 2)}\n`,
  );
  writeFileSync(join(dir, "spec.md"), "# Bench\n\n- FR-001: everything\n");
  writeFileSync(join(dir, "status.events.jsonl"), "");
  const sections: string[] = ["# Work Packages\n"];
  for (let n = 1; n <= count; n++) {
    const id = wpId(n);
    const dep = n % 3 !== 1 ? `\nDepends on ${wpId(n - 1)}\n` : "";
    sections.push(`## Work Package ${id}: Part ${n}\n\n**Requirement Refs**: FR-001\n${dep}`);
    writeFileSync(
      join(dir, "tasks", `${id}-part-${n}.md`),
      `---\nwork_package_id: ${id}\ntitle: Part ${n}\nsubtasks: []\nhistory: []\n---\n\n# ${id}\n\nImplement \`src/part${n}/\` and its tests.\n`,
    );
  }
  writeFileSync(join(dir, "tasks.md"), sections.join("\n"));
  return root;
}

/** The project each timed `mission create` runs in a copy of: no missions yet, one commit. */
export function createBase(): string {
  const base = join(benchTemp(), "proj");
  mkdirSync(join(base, ".kittify"), { recursive: true });
  writeFileSync(join(base, ".kittify", "config.yaml"), "agents:\n  auto_commit: false\n");
  // A mission forks lanes from the first commit: create needs a repository that has one.
  benchRun(base, ["git", "init", "-q", "-b", "main"]);
  commitAll(base, "init");
  return base;
}

export async function benchMissions(_floor: Sample): Promise<Sample[]> {
  const bin = await ensureBinary();
  const samples: Sample[] = [];

  const base = createBase();
  let n = 0;
  samples.push(
    measure("mission create", [bin, "agent", "mission", "create", "bench", "--json"], {
      setup: () => {
        const cwd = join(base, "..", `c${n++}`);
        cpSync(base, cwd, { recursive: true });
        return cwd;
      },
    }),
  );

  for (const count of [30, 300, 3000]) {
    const template = generateMission(count);
    const work = join(template, "..", "work");
    const sample = measure(
      `finalize-tasks ${count} WPs`,
      [bin, "agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"],
      {
        runs: count >= 3000 ? 5 : 9,
        warmup: 1,
        setup: () => {
          rmSync(work, { recursive: true, force: true });
          cpSync(template, work, { recursive: true });
          return work;
        },
      },
    );
    sample.note = `${(sample.medianMs / count).toFixed(2)} ms/WP`;
    samples.push(sample);
  }
  return samples;
}
