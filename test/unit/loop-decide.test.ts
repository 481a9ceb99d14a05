/** The mission state machine and the decision it gives, on states built in memory (no disk, no git). */
import { describe, expect, test } from "bun:test";
import type { LanesManifest } from "../../src/core/lanes/file.ts";
import { decide } from "../../src/core/loop/decide.ts";
import { currentStep } from "../../src/core/loop/phase.ts";
import { type MissionState, unmetDependencies, type WpView } from "../../src/core/loop/state.ts";
import type { MissionRef } from "../../src/core/mission/resolve.ts";
import type { MissionView } from "../../src/core/mission-view/read.ts";
import type { StatusLane } from "../../src/core/status/lane.ts";
import { reduce } from "../../src/core/status/reducer.ts";
import type { WpFile } from "../../src/core/tasks/wp-file.ts";

const mission = {
  root: "/p",
  dir: "/p/kitty-specs/001-x",
  statusDir: "/p/kitty-specs/001-x",
  slug: "001-x",
  missionId: "01J",
  meta: {},
  coordination: { state: "none", statusDir: null, branch: null },
} as MissionRef;

const me = (actor: string, person: string | null = null) => ({ actor, person });

function wp(
  id: string,
  lane: StatusLane,
  deps: string[] = [],
  actor: string | null = null,
  person: string | null = null,
): WpView {
  return {
    id,
    title: id,
    lane,
    hasStatus: true,
    actor,
    person,
    agent: actor ?? "",
    dependencies: deps,
    file: {} as WpFile,
  };
}

function state(wps: WpView[], extra: Partial<MissionState> = {}): MissionState {
  const manifest: LanesManifest = {
    version: 1,
    missionSlug: "001-x",
    missionId: "01J",
    missionBranch: "kitty/mission-001-x",
    targetBranch: "main",
    lanes: [
      {
        lane_id: "lane-a",
        wp_ids: wps.map((w) => w.id),
        write_scope: [],
        predicted_surfaces: [],
        depends_on_lanes: [],
        parallel_group: 0,
      },
    ],
    planningArtifactWps: [],
  };
  return {
    mission,
    specWritten: true,
    planWritten: true,
    specGaps: [],
    planGaps: [],
    tasksMdExists: true,
    wps,
    manifest,
    snapshot: reduce([]),
    accepted: false,
    conflicts: [],
    view: { wps: [] } as unknown as MissionView,
    ...extra,
  };
}

describe("the phases come from the files", () => {
  test("specify → plan → tasks_outline → tasks_packages → tasks_finalize, in that order", () => {
    expect(currentStep(state([], { specWritten: false, planWritten: false }))).toBe("specify");
    expect(currentStep(state([], { planWritten: false }))).toBe("plan");
    expect(currentStep(state([], { tasksMdExists: false }))).toBe("tasks_outline");
    expect(currentStep(state([]))).toBe("tasks_packages");
    expect(currentStep(state([wp("WP01", "planned")], { manifest: null }))).toBe("tasks_finalize");
    expect(currentStep(state([{ ...wp("WP01", "planned"), hasStatus: false }]))).toBe("tasks_finalize");
  });

  test("implement while anything is unstarted, review once all are handed over, then accept, merge, done", () => {
    expect(currentStep(state([wp("WP01", "planned"), wp("WP02", "for_review")]))).toBe("implement");
    expect(currentStep(state([wp("WP01", "in_review"), wp("WP02", "approved")]))).toBe("review");
    expect(currentStep(state([wp("WP01", "approved"), wp("WP02", "done"), wp("WP03", "canceled")]))).toBe(
      "accept",
    );
    expect(currentStep(state([wp("WP01", "approved")], { accepted: true }))).toBe("merge");
    expect(currentStep(state([wp("WP01", "done"), wp("WP02", "canceled")]))).toBe("done");
  });
});

describe("decisions", () => {
  test("a WP is handed out only when its dependencies are approved or done", () => {
    const s = state([wp("WP01", "in_progress", [], "gemini"), wp("WP02", "planned", ["WP01"])]);
    const d = decide(s, me("claude"));
    expect(d).toMatchObject({ kind: "blocked", wpId: null, step: "implement" });
    expect(d.reason).toContain("WP02 waits for WP01 (in_progress)");
    expect(d.reason).toContain("WP01 is in_progress with gemini");
    expect(d.unblock.join(" ")).toContain("WP01 reaching approved");
    const ready = state([wp("WP01", "approved"), wp("WP02", "planned", ["WP01"])]);
    expect(decide(ready, me("claude"))).toMatchObject({ kind: "step", action: "implement", wpId: "WP02" });
    expect(decide(ready, me("claude")).command).toBe(
      "spec-kitty agent action implement WP02 --agent claude --mission 001-x",
    );
  });

  test("a dependency that does not exist or was canceled never counts as met", () => {
    const s = state([wp("WP01", "canceled"), wp("WP02", "planned", ["WP01", "WP09"])]);
    expect(unmetDependencies(s, s.wps[1] as WpView).map((d) => [d.wpId, d.lane])).toEqual([
      ["WP01", "canceled"],
      ["WP09", null],
    ]);
    expect(decide(s, me("claude")).kind).toBe("blocked");
  });

  test("own work first, then reviews (they unblock dependents), then new work", () => {
    const wps = [
      wp("WP01", "planned"),
      wp("WP02", "for_review", [], "gemini"),
      wp("WP03", "in_progress", [], "claude"),
    ];
    expect(decide(state(wps), me("claude"))).toMatchObject({ action: "implement", wpId: "WP03" });
    expect(decide(state(wps), me("codex"))).toMatchObject({ action: "review", wpId: "WP02" });
    const reviewing = [wp("WP01", "planned"), wp("WP02", "in_review", [], "codex")];
    expect(decide(state(reviewing), me("codex"))).toMatchObject({ action: "review", wpId: "WP02" });
    expect(decide(state(reviewing), me("claude"))).toMatchObject({ action: "implement", wpId: "WP01" });
  });

  test("a WP claimed by the internal implement command can be taken up by an agent", () => {
    const s = state([{ ...wp("WP01", "in_progress", [], "implement-command"), agent: "" }]);
    expect(decide(s, me("claude"))).toMatchObject({ action: "implement", wpId: "WP01" });
  });

  test("accept, merge and terminal decisions name their commands", () => {
    expect(decide(state([wp("WP01", "approved")]), me("claude"))).toMatchObject({
      action: "accept",
      command: "spec-kitty accept --mission 001-x",
    });
    expect(decide(state([wp("WP01", "approved")], { accepted: true }), me("claude"))).toMatchObject({
      action: "merge",
      command: "spec-kitty merge --mission 001-x",
    });
    expect(decide(state([wp("WP01", "done")]), me("claude"))).toMatchObject({
      kind: "terminal",
      action: null,
    });
    expect(decide(state([wp("WP01", "planned")], { manifest: null }), me("claude"))).toMatchObject({
      action: "tasks",
      step: "tasks_finalize",
      command: "spec-kitty agent mission finalize-tasks --mission 001-x",
    });
  });

  test("a WP only the log knows (its file is gone or broken) is never handed out, and says so", () => {
    const gone = { ...wp("WP02", "planned"), file: null };
    const d = decide(state([wp("WP01", "approved"), gone]), me("claude"));
    expect(d).toMatchObject({ kind: "blocked", wpId: null });
    expect(d.reason).toContain("WP02 (planned) has no readable WP file");
    // A finished mission from before lanes.json (files long gone) is done, not "finalize".
    const old = [{ ...wp("WP01", "done"), file: null }];
    expect(currentStep(state(old, { manifest: null }))).toBe("done");
  });
});
