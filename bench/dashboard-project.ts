/**
 * A generated project the size of upstream spec-kitty's own repository at v3.2.5: 261 missions holding
 * 1,655 WPs between them (1 to 24 per mission), each mission with meta.json, spec.md, plan.md, tasks.md
 * (a section with subtask checkboxes per WP), WP files with dependencies and owned files, lanes.json
 * and a status log that puts WPs in every lane (older missions done, newer ones in flight). The same
 * seed gives the same files. Written for our benches; no upstream data.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isoFromMicros } from "../src/core/clock.ts";
import { type StatusEvent, serializeEvent } from "../src/core/status/event.ts";
import { FORWARD_PATH, type StatusLane } from "../src/core/status/lane.ts";

export const MISSIONS = 261;
export const WPS = 1_655;

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A small deterministic generator (mulberry32), so every run writes the same project. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ulidLike(rand: () => number): string {
  let id = "01K";
  while (id.length < 26) id += CROCKFORD[Math.floor(rand() * 32)];
  return id;
}

const wpId = (n: number) => (n < 100 ? `WP${String(n).padStart(2, "0")}` : `WP${n}`);

/** How many WPs each mission gets: between 1 and 24, summing to exactly WPS. */
function wpCounts(rand: () => number): number[] {
  const counts = Array.from({ length: MISSIONS }, () => 1 + Math.floor(rand() * 11));
  let total = counts.reduce((a, b) => a + b, 0);
  while (total < WPS) {
    const i = Math.floor(rand() * MISSIONS);
    if ((counts[i] as number) < 24) {
      counts[i] = (counts[i] as number) + 1;
      total++;
    }
  }
  while (total > WPS) {
    const i = Math.floor(rand() * MISSIONS);
    if ((counts[i] as number) > 1) {
      counts[i] = (counts[i] as number) - 1;
      total--;
    }
  }
  return counts;
}

export interface GeneratedProject {
  root: string;
  /** Mission directory names, in order. */
  slugs: string[];
  /** Last timestamp used by any log (microseconds), so appended events sort after it. */
  lastMicros: number;
}

/** Writes the project under `root` (which must not exist yet). */
export function generateProject(root: string, seed = 3_2_5): GeneratedProject {
  const rand = random(seed);
  mkdirSync(join(root, ".kittify"), { recursive: true });
  writeFileSync(
    join(root, ".kittify", "config.yaml"),
    "agents:\n  available:\n    - claude\n  auto_commit: false\n",
  );
  const counts = wpCounts(rand);
  const slugs: string[] = [];
  let micros = Date.UTC(2025, 0, 6) * 1000;
  counts.forEach((count, index) => {
    const number = String(index + 1).padStart(3, "0");
    const slug = `${number}-feature-${index + 1}`;
    slugs.push(slug);
    const dir = join(root, "kitty-specs", slug);
    mkdirSync(join(dir, "tasks"), { recursive: true });
    const missionId = ulidLike(rand);
    writeFileSync(
      join(dir, "meta.json"),
      `${JSON.stringify({ friendly_name: `feature ${index + 1}`, mission_id: missionId, mission_number: number, mission_slug: slug, mission_type: "software-dev", slug, target_branch: "main" }, null, 2)}\n`,
    );
    writeFileSync(join(dir, "spec.md"), `# Feature ${index + 1}\n\nFR-001 the feature works.\n`);
    writeFileSync(join(dir, "plan.md"), `# Plan ${index + 1}\n\nBuild it in ${count} steps.\n`);
    const sections = [`# Work Packages: feature ${index + 1}\n`];
    const events: StatusEvent[] = [];
    // Older missions are finished; the newest fifth is in flight, with WPs spread over the lanes.
    const inFlight = index >= MISSIONS * 0.8;
    let seq = 0;
    const push = (wp: string, from: StatusLane, to: StatusLane, actor: string, force = false) => {
      micros += 1_000 + Math.floor(rand() * 50_000_000);
      events.push({
        actor,
        at: isoFromMicros(micros),
        event_id: `${missionId.slice(0, 16)}${String(seq++).padStart(10, "0")}`,
        evidence: null,
        execution_mode: "worktree",
        force,
        from_lane: from,
        mission_slug: slug,
        policy_metadata: null,
        reason: force ? "canonical bootstrap" : null,
        review_ref: null,
        to_lane: to,
        wp_id: wp,
      });
    };
    for (let n = 1; n <= count; n++) {
      const id = wpId(n);
      const deps = n > 1 && rand() < 0.6 ? [wpId(n - 1)] : [];
      const subtasks = 1 + Math.floor(rand() * 4);
      const target = inFlight ? Math.floor(rand() * FORWARD_PATH.length) : FORWARD_PATH.length - 1;
      const checked = target >= 3 ? subtasks : Math.floor(rand() * subtasks);
      sections.push(
        `## Work Package ${id}: Part ${n}\n\n${deps.length ? `Depends on ${deps.join(", ")}\n\n` : ""}### Included Subtasks\n${Array.from(
          { length: subtasks },
          (_, s) => `- [${s < checked ? "x" : " "}] T${String(n * 10 + s).padStart(3, "0")} step ${s + 1}`,
        ).join("\n")}\n`,
      );
      writeFileSync(
        join(dir, "tasks", `${id}-part-${n}.md`),
        `---\nwork_package_id: ${id}\ntitle: Part ${n} of feature ${index + 1}\ndependencies: [${deps.join(", ")}]\nrequirement_refs:\n- FR-001\nsubtasks: []\nphase: Phase ${1 + Math.floor(n / 4)}\nassignee: ''\nagent: "claude"\nhistory: []\nexecution_mode: code_change\nowned_files:\n- src/feature${index + 1}/part${n}/**\n---\n\n# ${id} – Part ${n}\n\nImplement \`src/feature${index + 1}/part${n}/\` and its tests.\n\n## Activity Log\n\n- 2025-01-06T09:00:00Z – system – Prompt created.\n`,
      );
      push(id, "planned", "planned", "finalize-tasks", true);
      for (let step = 1; step <= target; step++)
        push(
          id,
          FORWARD_PATH[step - 1] as StatusLane,
          FORWARD_PATH[step] as StatusLane,
          step >= 4 ? "codex" : "claude",
        );
    }
    writeFileSync(join(dir, "tasks.md"), sections.join("\n"));
    // Events of one mission in time order (WPs were written one after another above).
    writeFileSync(join(dir, "status.events.jsonl"), events.map((e) => `${serializeEvent(e)}\n`).join(""));
    writeFileSync(
      join(dir, "lanes.json"),
      `${JSON.stringify(
        {
          version: 1,
          mission_slug: slug,
          mission_id: missionId,
          mission_branch: `kitty/mission-${slug}`,
          target_branch: "main",
          lanes: [
            {
              lane_id: "lane-a",
              wp_ids: Array.from({ length: count }, (_, i) => wpId(i + 1)),
              write_scope: [`src/feature${index + 1}/**`],
              predicted_surfaces: [],
              depends_on_lanes: [],
              parallel_group: 0,
            },
          ],
          computed_at: "2025-01-06T09:00:00.000000+00:00",
          computed_from: "dependency_graph+ownership",
          planning_artifact_wps: [],
        },
        null,
        2,
      )}\n`,
    );
  });
  return { root, slugs, lastMicros: micros };
}
