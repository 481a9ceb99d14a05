import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { computeLanes, type LaneInputWp, laneName } from "../../src/core/lanes/compute.ts";
import { serializeLanes } from "../../src/core/lanes/file.ts";
import { laneForWp } from "../../src/core/lanes/lookup.ts";
import {
  findOverlaps,
  inferExecutionMode,
  inferOwnedFiles,
  inferSurface,
} from "../../src/core/lanes/ownership.ts";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { copyFixture } from "../support/fs.ts";

const wp = (id: string, dependencies: string[], ownedFiles: string[], planning = false): LaneInputWp => ({
  id,
  dependencies,
  executionMode: planning ? "planning_artifact" : "code_change",
  ownedFiles,
  body: "",
});

describe("computeLanes", () => {
  test("two independent code WPs + a dependent pair + a planning WP", () => {
    const result = computeLanes([
      wp("WP01", [], ["src/a/**"]),
      wp("WP02", [], ["src/b/**"]),
      wp("WP03", ["WP01"], ["src/c/**"]),
      wp("WP04", [], ["kitty-specs/001-x/**"], true),
    ]);
    expect(result.lanes.map((l) => [l.lane_id, l.wp_ids])).toEqual([
      ["lane-a", ["WP01", "WP03"]],
      ["lane-b", ["WP02"]],
      ["lane-planning", ["WP04"]],
    ]);
    expect(result.planningArtifactWps).toEqual(["WP04"]);
    expect(result.lanes[0]?.write_scope).toEqual(["src/a/**", "src/c/**"]);
    expect(result.lanes[2]?.predicted_surfaces).toEqual(["planning"]);
    expect(result.collapseEvents).toEqual([
      { wp_a: "WP03", wp_b: "WP01", rule: "dependency", evidence: "WP03 depends on WP01" },
    ]);
  });

  test("lane-planning exists only when a planning WP exists", () => {
    const ids = computeLanes([wp("WP01", [], ["src/a/**"])]).lanes.map((l) => l.lane_id);
    expect(ids).toEqual(["lane-a"]);
  });

  test("every WP is in exactly one lane; lanes are ordered topologically inside", () => {
    const result = computeLanes([
      wp("WP01", ["WP02"], []),
      wp("WP02", [], []),
      wp("WP03", ["WP01"], []),
      wp("WP05", [], [], true),
      wp("WP06", [], [], true),
    ]);
    const all = result.lanes.flatMap((l) => l.wp_ids).sort();
    expect(all).toEqual(["WP01", "WP02", "WP03", "WP05", "WP06"]);
    expect(result.lanes[0]?.wp_ids).toEqual(["WP02", "WP01", "WP03"]);
  });

  test("a code WP depending on a planning WP stays in its own code lane", () => {
    const result = computeLanes([wp("WP01", [], [], true), wp("WP02", ["WP01"], ["src/x/**"])]);
    expect(result.lanes.map((l) => l.lane_id)).toEqual(["lane-a", "lane-planning"]);
  });

  test("lane names continue past z", () => {
    expect([laneName(0), laneName(25), laneName(26), laneName(27)]).toEqual([
      "lane-a",
      "lane-z",
      "lane-aa",
      "lane-ab",
    ]);
  });
});

describe("ownership", () => {
  test("inference follows the text's signals", () => {
    expect(inferExecutionMode("Update kitty-specs/001-x/plan.md")).toBe("planning_artifact");
    expect(inferExecutionMode("Edit plan.md and src/a.ts")).toBe("code_change");
    expect(
      inferOwnedFiles("Write `src/parser/csv.ts` and src/lib and src/lib/x.ts.", "code_change", "s"),
    ).toEqual(["src/lib/**", "src/parser/csv.ts"]);
    expect(inferOwnedFiles("docs", "planning_artifact", "001-x")).toEqual(["kitty-specs/001-x/**"]);
  });

  test("a single owned file has its directory as surface (3.1 produced 'a/b.py/')", () => {
    expect(inferSurface(["src/gamma/cli.py"])).toBe("src/gamma/");
    expect(inferSurface(["src/a/**", "src/b/x.ts"])).toBe("src/");
  });

  test("overlaps are found by prefix, segment-aware", () => {
    const overlaps = findOverlaps([
      { wpId: "WP01", globs: ["src/a/**"] },
      { wpId: "WP02", globs: ["src/a/x.ts"] },
      { wpId: "WP03", globs: ["src/ab/**"] },
      { wpId: "WP04", globs: ["src/ab/**"] },
    ]);
    expect(overlaps.map((o) => [o.a, o.b])).toEqual([
      ["WP01", "WP02"],
      ["WP03", "WP04"],
    ]);
  });
});

describe("lanes.json and the lane lookup", () => {
  test("key order, escaping, and laneForWp for code and planning lanes", () => {
    const root = copyFixture("mission-tasks");
    const mission = resolveMission(root, "001-report-tool");
    const computed = computeLanes([wp("WP01", [], ["src/é/**"]), wp("WP04", [], ["kitty-specs/**"], true)]);
    const text = serializeLanes(mission, "main", computed, null, "2026-01-01T00:00:00+00:00");
    expect(Object.keys(JSON.parse(text))).toEqual([
      "version",
      "mission_slug",
      "mission_id",
      "mission_branch",
      "target_branch",
      "lanes",
      "computed_at",
      "computed_from",
      "planning_artifact_wps",
    ]);
    expect(text).toContain("src/\\u00e9/**");
    writeFileSync(join(mission.dir, "lanes.json"), text);
    expect(laneForWp(mission, "WP01")).toMatchObject({
      laneId: "lane-a",
      branch: "kitty/mission-001-report-tool-lane-a",
      workspacePath: join(root, ".worktrees", "001-report-tool-lane-a"),
      isMainCheckout: false,
    });
    expect(laneForWp(mission, "WP04")).toMatchObject({
      laneId: "lane-planning",
      branch: "main",
      workspacePath: root,
      isMainCheckout: true,
    });
    expect(() => laneForWp(mission, "WP09")).toThrow(/not assigned to any lane/);
  });

  test("legacy lanes.json (no mission_id) loads", () => {
    const root = copyFixture("legacy-3.1");
    const mission = resolveMission(root, "003-search-index");
    expect(laneForWp(mission, "WP02").branch).toBe("kitty/mission-003-search-index-lane-a");
  });

  test("missing lanes.json is a clear error", () => {
    const root = copyFixture("mission-tasks");
    mkdirSync(join(root, "x"));
    expect(() => laneForWp(resolveMission(root, "001"), "WP01")).toThrow(/no lanes.json/);
  });
});
