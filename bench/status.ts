/**
 * Status at scale: `agent tasks status` and `agent status materialize` on a 30-WP mission whose event
 * log holds 1,000 / 10,000 / 100,000 events. Budget (SPEC §PERF): 100k events ≤ 12× the floor, ≤ 150 MB.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isoFromMicros } from "../src/core/clock.ts";
import { type StatusEvent, serializeEvent } from "../src/core/status/event.ts";
import { FORWARD_PATH, type StatusLane } from "../src/core/status/lane.ts";
import { benchTemp, ensureBinary, measure, type Sample } from "./lib.ts";

const SLUG = "001-bench-status";
const WPS = 30;
const SIZES = [1_000, 10_000, 100_000];

/** A project with one mission of 30 WP files and a log of `events` lines cycling through the lanes. */
export function makeProject(events: number): string {
  const root = benchTemp("sk-bench-status-");
  const dir = join(root, "kitty-specs", SLUG);
  mkdirSync(join(root, ".kittify"), { recursive: true });
  mkdirSync(join(dir, "tasks"), { recursive: true });
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  writeFileSync(
    join(dir, "meta.json"),
    `${JSON.stringify({ mission_id: "01KJZ3W8Q6T2V9N4B7C5D1E0FA", mission_number: "001", mission_slug: SLUG, mission_type: "software-dev", slug: SLUG, target_branch: "main" }, null, 2)}\n`,
  );
  for (let i = 1; i <= WPS; i++) {
    const id = `WP${String(i).padStart(2, "0")}`;
    writeFileSync(
      join(dir, "tasks", `${id}-work.md`),
      `---\nwork_package_id: ${id}\ntitle: Work ${i}\ndependencies: []\n---\n\n# ${id}\n`,
    );
  }
  const lanes: StatusLane[] = new Array(WPS).fill("planned");
  const start = Date.UTC(2026, 0, 1) * 1000;
  const lines: string[] = [];
  for (let n = 0; n < events; n++) {
    const wp = n % WPS;
    const from = lanes[wp] as StatusLane;
    const to = FORWARD_PATH[(FORWARD_PATH.indexOf(from) + 1) % FORWARD_PATH.length] as StatusLane;
    lanes[wp] = to;
    const event: StatusEvent = {
      actor: "claude",
      at: isoFromMicros(start + n * 1_013),
      event_id: `01KJZ${String(n).padStart(21, "0")}`,
      evidence: null,
      execution_mode: "worktree",
      force: true,
      from_lane: from,
      mission_slug: SLUG,
      policy_metadata: null,
      reason: "bench",
      review_ref: null,
      to_lane: to,
      wp_id: `WP${String(wp + 1).padStart(2, "0")}`,
    };
    lines.push(`${serializeEvent(event)}\n`);
  }
  writeFileSync(join(dir, "status.events.jsonl"), lines.join(""));
  return root;
}

export async function benchStatus(_floor: Sample): Promise<Sample[]> {
  const bin = await ensureBinary();
  const samples: Sample[] = [];
  for (const size of SIZES) {
    const cwd = makeProject(size);
    const label = size.toLocaleString("en-US");
    const runs = size >= 100_000 ? 5 : 9;
    samples.push(
      measure(`agent tasks status (${label} events)`, [bin, "agent", "tasks", "status", "--mission", SLUG], {
        cwd,
        runs,
        warmup: 1,
      }),
      measure(
        `agent status materialize (${label} events)`,
        [bin, "agent", "status", "materialize", "--mission", SLUG],
        {
          cwd,
          runs,
          warmup: 1,
        },
      ),
    );
  }
  return samples;
}
