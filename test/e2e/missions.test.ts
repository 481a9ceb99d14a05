/**
 * `mission list|current|info`, the `agent mission accept|merge` aliases, `agent tasks
 * validate-workflow`, `agent tasks map-requirements` and `validate-tasks`, end to end (compiled binary).
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { runBin } from "../support/run.ts";
import { actionArgs, loopProject, SLUG } from "./loop-setup.ts";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("mission list | current | info", () => {
  test("list: every mission with number, slug, mission_id, phase, progress and target branch", async () => {
    const p = await loopProject();
    const out = await p.ok(["mission", "list", "--json"]);
    expect(out.count).toBe(1);
    const [m] = out.missions as Record<string, unknown>[];
    expect(m).toMatchObject({
      mission_number: 1,
      mission_slug: SLUG,
      phase: "implement",
      next_action: "implement",
      target_branch: "main",
      mission_branch: `kitty/mission-${SLUG}`,
      error: null,
    });
    expect(String(m?.mission_id)).toMatch(ULID);
    expect(m?.progress).toMatchObject({ total_wps: 4 });
    const text = await p.ok(["mission", "list"]);
    expect(String(text.stdout)).toContain(`001  ${SLUG}`);
  });

  test("current: from the mission folder, from a lane worktree's branch; none on main (exit 1, missions listed)", async () => {
    const p = await loopProject();
    const onMain = await p.sk(["mission", "current"]);
    expect(onMain.code).toBe(1);
    expect(onMain.stderr).toContain(SLUG);
    const inFolder = await p.ok(["mission", "current", "--json"], join(p.root, "kitty-specs", SLUG, "tasks"));
    expect(inFolder).toMatchObject({ mission_slug: SLUG, detected_from: "directory" });
    const started = await p.ok(actionArgs("implement", "WP01", "--json"));
    const workspace = String(started.workspace_path ?? started.workspace);
    const inLane = await p.ok(["mission", "current", "--json"], workspace);
    expect(inLane).toMatchObject({ mission_slug: SLUG, detected_from: "branch", lane: "lane-a" });
    expect(String(inLane.branch)).toBe(`kitty/mission-${SLUG}-lane-a`);
  });

  test("info: identity, work packages and lanes; an unknown mission exits 1 naming the valid ones", async () => {
    const p = await loopProject();
    const info = await p.ok(["mission", "info", "001", "--json"]);
    expect(info.mission_slug).toBe(SLUG);
    expect((info.work_packages as { wp_id: string }[]).map((w) => w.wp_id)).toEqual([
      "WP01",
      "WP02",
      "WP03",
      "WP04",
    ]);
    const lanes = info.lanes as { lane_id: string; branch: string }[];
    expect(lanes.find((l) => l.lane_id === "lane-planning")?.branch).toBe("main");
    expect(lanes.find((l) => l.lane_id === "lane-a")?.branch).toBe(`kitty/mission-${SLUG}-lane-a`);
    expect(info.artifacts).toEqual({ spec: true, plan: true, tasks: true });
    const unknown = await p.sk(["mission", "info", "nope", "--json"]);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error_code: "MISSION_NOT_FOUND" });
    expect(unknown.stdout).toContain(SLUG);
  });

  test("list on pre-event-log (3.0) missions shows their phase", async () => {
    const dir = copyFixture("era-3.0");
    const r = await runBin(["mission", "list", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const slugs = (JSON.parse(r.stdout).missions as { mission_slug: string }[]).map((m) => m.mission_slug);
    expect(slugs).toEqual(["001-csv-import", "002-weather-alerts", "003-offline-cache"]);
  });
});

describe("aliases", () => {
  test("agent mission accept|merge are the accept and merge commands", async () => {
    const p = await loopProject();
    const direct = await p.sk(["accept", "--mission", SLUG, "--json"]);
    const alias = await p.sk(["agent", "mission", "accept", "--mission", SLUG, "--json"]);
    expect(alias.code).toBe(direct.code);
    const strip = (text: string) => text.replace(/"(generated_at|checked_at|timestamp)": "[^"]*"/g, "");
    expect(strip(alias.stdout)).toBe(strip(direct.stdout));
    const merge = await p.sk(["agent", "mission", "merge", "--mission", SLUG, "--dry-run", "--json"]);
    const mergeDirect = await p.sk(["merge", "--mission", SLUG, "--dry-run", "--json"]);
    expect(merge.code).toBe(mergeDirect.code);
    expect(merge.stdout).toBe(mergeDirect.stdout);
  });
});

describe("agent tasks validate-workflow", () => {
  test("a good WP passes with its lane; a broken one fails (exit 1); an unknown one lists the WPs", async () => {
    const p = await loopProject();
    const ok = await p.ok(["agent", "tasks", "validate-workflow", "WP01", "--mission", SLUG, "--json"]);
    expect(ok).toMatchObject({ valid: true, task_id: "WP01", lane: "planned", errors: [] });
    const file = join(p.root, "kitty-specs", SLUG, "tasks", "WP02-summary-report.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: ''"));
    const bad = await p.sk(["agent", "tasks", "validate-workflow", "WP02", "--mission", SLUG, "--json"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors).toEqual(["missing required field: title"]);
    const unknown = await p.sk(["agent", "tasks", "validate-workflow", "WP09", "--mission", SLUG]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("WP01, WP02, WP03, WP04");
  });
});

describe("agent tasks map-requirements", () => {
  test("reports coverage, maps refs into WP frontmatter, refuses bad refs without writing", async () => {
    const p = await loopProject();
    // finalize-tasks already copied tasks.md's "Requirement Refs" lines into the WP files
    const report = await p.ok(["agent", "tasks", "map-requirements", "--mission", SLUG, "--json"]);
    expect(report.requirements).toEqual(["FR-001", "FR-002", "FR-003", "NFR-001"]);
    expect(report.by_wp).toEqual({
      WP01: ["FR-001", "NFR-001"],
      WP02: ["FR-002"],
      WP03: ["FR-003"],
      WP04: ["FR-003"],
    });
    expect((report.coverage as Record<string, unknown>).unmapped_functional).toEqual([]);

    const replaced = await p.ok([
      "agent",
      "tasks",
      "map-requirements",
      "--mission",
      SLUG,
      "--wp",
      "WP02",
      "--refs",
      "FR-003",
      "--replace",
      "--json",
    ]);
    expect(replaced.mapped).toEqual({ WP02: ["FR-003"] });
    expect((replaced.coverage as Record<string, unknown>).unmapped_functional).toEqual(["FR-002"]);

    const batch = await p.ok([
      "agent",
      "tasks",
      "map-requirements",
      "--mission",
      SLUG,
      "--batch",
      '{"WP04":["fr-002"]}',
      "--json",
    ]);
    expect(batch.mapped).toEqual({ WP04: ["FR-003", "FR-002"] });
    expect((batch.coverage as Record<string, unknown>).unmapped_functional).toEqual([]);
    const wp04 = readFileSync(join(p.root, "kitty-specs", SLUG, "tasks", "WP04-user-guide.md"), "utf8");
    expect(wp04).toMatch(/requirement_refs:\n\s*- FR-003\n\s*- FR-002\n/);

    const before = snapshotTree(p.root, { skipGit: true });
    for (const args of [
      ["--wp", "WP01", "--refs", "FR-009"],
      ["--wp", "WP01", "--refs", "requirement-1"],
      ["--wp", "WP09", "--refs", "FR-001"],
      ["--batch", '{"WP01":["FR-001"],"WP02":["FR-404"]}'],
    ]) {
      const r = await p.sk(["agent", "tasks", "map-requirements", "--mission", SLUG, ...args, "--json"]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).error_code).toBe("REQUIREMENT_REFS_INVALID");
    }
    expect(snapshotTree(p.root, { skipGit: true })).toEqual(before);
    const usage = await p.sk(["agent", "tasks", "map-requirements", "--mission", SLUG, "--wp", "WP01"]);
    expect(usage.code).toBe(2);
  });
});

describe("validate-tasks", () => {
  test("finds pre-3.0 lane state, exits 1 until --fix moves it into the event log", async () => {
    const dir = copyFixture("era-3.0");
    const found = await runBin(["validate-tasks", "--json"], { cwd: dir });
    expect(found.code).toBe(1);
    const doc = JSON.parse(found.stdout) as { result: string; missions: { mission: string }[] };
    expect(doc.result).toBe("needs_fix");
    expect(doc.missions.map((m) => m.mission)).toEqual([
      "001-csv-import",
      "002-weather-alerts",
      "003-offline-cache",
    ]);
    const fixed = await runBin(["validate-tasks", "--fix", "--mission", "001-csv-import", "--json"], {
      cwd: dir,
    });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ result: "fixed", events_appended: 4 });
    const again = await runBin(["validate-tasks", "--mission", "001-csv-import", "--json"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).result).toBe("ok");
  });
});
