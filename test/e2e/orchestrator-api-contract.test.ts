/**
 * The orchestrator-api contract, command by command, on the compiled binary: each success payload's
 * keys in the original's order (plus our additions after them), and every error code with the data
 * keys providers read. Envelope bytes are checked on every call by the Provider double.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { snapshotTree } from "../support/fs.ts";
import { git } from "../support/git.ts";
import { runBin } from "../support/run.ts";
import { type LoopProject, loopProject, SLUG } from "./loop-setup.ts";
import { POLICY, Provider, parseEnvelope } from "./orchestrator-provider.ts";

const M = ["--mission", SLUG];
const IDENTITY = ["mission_slug", "mission_number", "mission_type", "mission_id"];
const policyWith = (change: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(POLICY), ...change });

let p: LoopProject;
let host: Provider;
const actor = () => ["--actor", host.actor];

beforeAll(async () => {
  p = await loopProject();
  host = new Provider(p.root);
});

describe("usage errors are envelopes too (orchestrator-api.unknown, exit 2)", () => {
  for (const [name, args] of [
    ["no subcommand", []],
    ["unknown subcommand", ["feature-state"]],
    ["unknown option", ["mission-state", ...M, "--feature", "x"]],
    ["missing required option", ["start-implementation", ...M, "--wp", "WP01"]],
    ["a group-level flag", ["--bogus"]],
  ] as [string, string[]][]) {
    test(name, async () => {
      const { envelope, code } = await host.raw(args);
      expect(code).toBe(2);
      expect(envelope.command).toBe("orchestrator-api.unknown");
      expect(envelope.error_code).toBe("USAGE_ERROR");
      expect(Object.keys(envelope.data)).toEqual(["message"]);
    });
  }

  test("--help is text, not an envelope", async () => {
    const result = await runBin(["orchestrator-api", "transition", "--help"], { cwd: p.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--review-result-json");
  });
});

describe("contract-version", () => {
  test("reports 1.3.0 and the provider minimum; old or malformed providers are refused", async () => {
    expect(await host.ok(["contract-version", "--provider-version", "0.1.3"])).toEqual({
      api_version: "1.3.0",
      min_supported_provider_version: "0.1.0",
    });
    const old = await host.fails(
      ["contract-version", "--provider-version", "0.0.9"],
      "CONTRACT_VERSION_MISMATCH",
    );
    expect(Object.keys(old)).toEqual([
      "provider_version",
      "min_supported_provider_version",
      "api_version",
      "message",
    ]);
    const bad = await host.fails(
      ["contract-version", "--provider-version", "not-a-version"],
      "CONTRACT_VERSION_MISMATCH",
    );
    expect(Object.keys(bad)).toEqual(["provider_version", "message"]);
  });
});

describe("read-only calls", () => {
  test("mission-state, list-ready and resolve-workspace: payload keys, and not a byte written", async () => {
    const before = snapshotTree(p.root);
    const state = await host.ok(["mission-state", ...M]);
    expect(Object.keys(state)).toEqual([...IDENTITY, "summary", "work_packages"]);
    expect(state).toMatchObject({ mission_slug: SLUG, mission_number: 1, mission_type: "software-dev" });
    expect(Object.keys(state.summary as object)).toEqual([
      "planned",
      "claimed",
      "in_progress",
      "for_review",
      "in_review",
      "approved",
      "done",
      "blocked",
      "canceled",
    ]);
    expect((state.work_packages as Record<string, unknown>[])[2]).toEqual({
      wp_id: "WP03",
      lane: "planned",
      dependencies: ["WP01"],
      last_actor: "finalize-tasks",
    });
    const ready = await host.ok(["list-ready", ...M]);
    expect(ready.ready_work_packages).toEqual(
      ["WP01", "WP02", "WP04"].map((wp_id) => ({ wp_id, lane: "planned", dependencies_satisfied: true })),
    );
    const ws = await host.ok(["resolve-workspace", ...M, "--wp", "WP03"]);
    expect(Object.keys(ws)).toEqual([
      ...IDENTITY,
      "wp_id",
      "workspace_path",
      "prompt_path",
      "lane_id",
      "lane_branch",
      "lane_base_ref",
    ]);
    expect(ws.workspace_path).toBe(join(p.root, ".worktrees", `${SLUG}-lane-a`));
    expect(snapshotTree(p.root)).toEqual(before);
  });

  test("a mission_id prefix selects; an unknown mission or WP is MISSION_NOT_FOUND / WP_NOT_FOUND", async () => {
    expect((await host.ok(["list-ready", "--mission", "01JNQ4Z7"])).mission_slug).toBe(SLUG);
    await host.fails(["mission-state", "--mission", "999-nope"], "MISSION_NOT_FOUND");
    await host.fails(["resolve-workspace", ...M, "--wp", "WP99"], "WP_NOT_FOUND");
    await host.fails(["resolve-workspace", ...M, "--wp", "../../etc/passwd"], "WP_NOT_FOUND");
  });

  test("outside any project it is MISSION_NOT_FOUND, still an envelope", async () => {
    const provider = new Provider(join(p.root, ".."));
    await provider.fails(["mission-state", ...M], "MISSION_NOT_FOUND");
  });
});

describe("policy", () => {
  const start = (policy: string[]) => ["start-implementation", ...M, "--wp", "WP02", ...actor(), ...policy];
  test("required on start-implementation, start-review and transitions to active lanes", async () => {
    await host.fails(start([]), "POLICY_METADATA_REQUIRED");
    await host.fails(["start-review", ...M, "--wp", "WP02", ...actor()], "POLICY_METADATA_REQUIRED");
    await host.fails(
      ["transition", ...M, "--wp", "WP02", "--to", "claimed", ...actor()],
      "POLICY_METADATA_REQUIRED",
    );
    // Checked before the mission is looked up, as the original orders its checks.
    await host.fails(
      ["start-implementation", "--mission", "999-nope", "--wp", "WP02", ...actor()],
      "POLICY_METADATA_REQUIRED",
    );
  });

  for (const [name, policy] of [
    ["not JSON", "{"],
    ["not an object", "[]"],
    ["a missing field", JSON.stringify({ orchestrator_id: "x" })],
    ["a non-string field", policyWith({ sandbox_mode: 1 })],
    ["dangerous_flags not an array", policyWith({ dangerous_flags: "--yolo" })],
    ["a banned flag", policyWith({ dangerous_flags: ["--dangerously-skip-permissions"] })],
    ["tool_restrictions not a string", policyWith({ tool_restrictions: 3 })],
    ["a secret-like value, nested", policyWith({ extra: { deep: ["my-api-token"] } })],
  ] as [string, string][]) {
    test(`refuses ${name}: POLICY_VALIDATION_FAILED`, async () => {
      await host.fails(start(["--policy", policy]), "POLICY_VALIDATION_FAILED");
    });
  }
});

describe("start-implementation, start-review, transition, append-history", () => {
  test("dependency gate, claim conflict, no-op resume, lane allocation failure", async () => {
    const wp = (id: string) => [...M, "--wp", id, "--policy", POLICY];
    const deps = await host.fails(
      ["start-implementation", ...wp("WP03"), ...actor()],
      "DEPENDENCIES_NOT_SATISFIED",
    );
    expect(Object.keys(deps)).toEqual([...IDENTITY, "wp_id", "unsatisfied_dependencies", "message"]);
    expect(deps.unsatisfied_dependencies).toEqual(["WP01"]);

    const first = await host.ok(["start-implementation", ...wp("WP01"), ...actor()]);
    expect(Object.keys(first)).toEqual([
      ...IDENTITY,
      "wp_id",
      "from_lane",
      "to_lane",
      "workspace_path",
      "prompt_path",
      "policy_metadata_recorded",
      "no_op",
      "lane_id",
      "lane_branch",
      "lane_base_ref",
    ]);
    expect(first).toMatchObject({
      from_lane: "planned",
      to_lane: "in_progress",
      no_op: false,
      lane_id: "lane-a",
    });
    const again = await host.ok(["start-implementation", ...wp("WP01"), ...actor()]);
    expect(again).toMatchObject({ from_lane: "in_progress", no_op: true });
    const held = await host.fails(
      ["start-implementation", ...wp("WP01"), "--actor", "someone-else"],
      "WP_ALREADY_CLAIMED",
    );
    expect(held).toMatchObject({ claimed_by: host.actor, requesting_actor: "someone-else" });
    expect(Object.keys(held)).toEqual([...IDENTITY, "claimed_by", "requesting_actor", "message"]);

    // A dirty lane-b worktree refuses a fresh claim of WP02: LANE_ALLOCATION_FAILED with the reason.
    await host.ok(["start-implementation", ...wp("WP02"), ...actor()]);
    await host.ok(["transition", ...wp("WP02"), "--to", "blocked", ...actor()]);
    await host.ok(["transition", ...wp("WP02"), "--to", "canceled", ...actor()]);
    const laneB = join(p.root, ".worktrees", `${SLUG}-lane-b`);
    writeFileSync(join(laneB, "stray.txt"), "uncommitted\n");
    // WP02 is canceled now; WP04 (planning lane) is unaffected. Reset WP02 to planned by force to retry.
    await host.ok(["transition", ...wp("WP02"), "--to", "planned", "--force", "--note", "retry", ...actor()]);
    const alloc = await host.fails(
      ["start-implementation", ...wp("WP02"), ...actor()],
      "LANE_ALLOCATION_FAILED",
    );
    expect(Object.keys(alloc)).toEqual([...IDENTITY, "wp_id", "reason", "message"]);
    expect(String(alloc.reason)).toContain("stray.txt");
  });

  test("transition: unknown lane, bad JSON arguments, the commit gate, guards, append-history", async () => {
    const wp = [...M, "--wp", "WP01", ...actor(), "--policy", POLICY];
    const lane = await host.raw(["transition", ...wp, "--to", "sideways"]);
    expect([lane.envelope.error_code, lane.envelope.command, lane.code]).toEqual([
      "USAGE_ERROR",
      "orchestrator-api.transition",
      2,
    ]);
    await host.fails(["transition", ...wp, "--to", "blocked", "--evidence-json", "[1]"], "USAGE_ERROR", 1);
    await host.fails(["transition", ...wp, "--to", "blocked", "--evidence-json", "{"], "USAGE_ERROR", 1);
    await host.fails(
      [
        "transition",
        ...wp,
        "--to",
        "in_progress",
        "--review-result-json",
        '{"reviewer":"r","verdict":"meh","reference":"x"}',
      ],
      "USAGE_ERROR",
      1,
    );
    // No commit on lane-a yet: the for_review gate refuses, naming the lane.
    const gate = await host.fails(["transition", ...wp, "--to", "for_review"], "TRANSITION_REJECTED");
    expect(gate).toMatchObject({ wp_id: "WP01", lane_id: "lane-a" });
    const laneA = join(p.root, ".worktrees", `${SLUG}-lane-a`);
    writeFileSync(join(laneA, "parser.ts"), "export {};\n");
    git(laneA, "add", "-A");
    git(laneA, "commit", "-q", "-m", "WP01 work");
    // Subtasks T001/T002 are still open in tasks.md: the inferred guard refuses; explicit flags decide.
    await host.fails(["transition", ...wp, "--to", "for_review"], "TRANSITION_REJECTED");
    expect(await host.ok(["transition", ...wp, "--to", "for_review", "--subtasks-complete"])).toEqual({
      mission_slug: SLUG,
      mission_number: 1,
      mission_type: "software-dev",
      mission_id: "01JNQ4Z7K3M8W2T6R9XCVB5E1A",
      wp_id: "WP01",
      from_lane: "in_progress",
      to_lane: "for_review",
      policy_metadata_recorded: true,
    });
    const review = await host.ok(["start-review", ...wp, "--review-ref", "r1"]);
    expect(Object.keys(review)).toEqual([
      ...IDENTITY,
      "wp_id",
      "from_lane",
      "to_lane",
      "prompt_path",
      "policy_metadata_recorded",
      "no_op",
    ]);
    expect((await host.ok(["start-review", ...wp])).no_op).toBe(true);
    await host.fails(
      ["start-review", ...M, "--wp", "WP01", "--actor", "rival", "--policy", POLICY],
      "WP_ALREADY_CLAIMED",
    );
    await host.fails(
      ["start-review", ...M, "--wp", "WP04", ...actor(), "--policy", POLICY],
      "TRANSITION_REJECTED",
    );
    await host.fails(["transition", ...wp, "--to", "approved"], "TRANSITION_REJECTED"); // no review result
    const approved = JSON.stringify({ reviewer: "r", verdict: "approved", reference: "r1" });
    expect(
      (await host.ok(["transition", ...wp, "--to", "approved", "--review-result-json", approved])).to_lane,
    ).toBe("approved");

    const history = await host.ok(["append-history", ...M, "--wp", "WP01", ...actor(), "--note", "reviewed"]);
    expect(Object.keys(history)).toEqual([...IDENTITY, "wp_id", "history_entry_id"]);
    expect(history.history_entry_id).toMatch(/^hist-[0-9a-f]{32}$/);
    await host.fails(["append-history", ...M, "--wp", "WP77", ...actor(), "--note", "x"], "WP_NOT_FOUND");
  });
});

describe("accept-mission and merge-mission", () => {
  test("accept refuses incomplete missions, then records; merge refuses bad strategies and targets, then merges", async () => {
    const acceptArgs = ["accept-mission", ...M, ...actor()];
    const notReady = await host.fails(acceptArgs, "MISSION_NOT_READY");
    expect(Object.keys(notReady)).toEqual([...IDENTITY, "incomplete_wps", "message"]);
    expect(notReady.incomplete_wps).toEqual(["WP02", "WP03", "WP04"]);

    const strategy = await host.fails(
      ["merge-mission", ...M, "--strategy", "octopus"],
      "UNSUPPORTED_STRATEGY",
    );
    expect(strategy).toMatchObject({ strategy: "octopus", supported: ["merge", "squash"] });
    await host.fails(["merge-mission", ...M, "--strategy", "rebase"], "UNSUPPORTED_STRATEGY");
    const unapproved = await host.fails(["merge-mission", ...M], "PREFLIGHT_FAILED");
    expect(Object.keys(unapproved)).toEqual([...IDENTITY, "target_branch", "errors", "message"]);
    expect(unapproved.message).toBe("Merge failed");

    // Finish the mission by the normal commands (a canceled WP would count as incomplete, as upstream).
    await p.ok([
      "agent",
      "tasks",
      "mark-status",
      "T001",
      "T002",
      "T003",
      "T004",
      "T005",
      "--status",
      "done",
      ...M,
    ]);
    // Each WP hands over work of its own: WP02 commits its lane's file, the planning WP04 a document.
    const laneB = join(p.root, ".worktrees", `${SLUG}-lane-b`);
    git(laneB, "add", "stray.txt");
    git(laneB, "commit", "-q", "-m", "WP02: summary");
    writeFileSync(join(p.root, "kitty-specs", SLUG, "quickstart.md"), "# Quickstart\n");
    git(p.root, "add", `kitty-specs/${SLUG}/quickstart.md`);
    git(p.root, "commit", "-q", "-m", "WP04: quickstart");
    for (const wp of ["WP02", "WP03", "WP04"])
      await p.ok(["agent", "tasks", "move-task", wp, "--to", "approved", ...M]);
    const accepted = await host.ok(acceptArgs);
    expect(Object.keys(accepted)).toEqual([
      ...IDENTITY,
      "accepted",
      "mode",
      "accepted_at",
      "accepted_wps",
      "approved_wps",
      "done_wps",
      "merge_pending_wps",
    ]);
    expect(accepted).toMatchObject({
      accepted: true,
      mode: "auto",
      approved_wps: ["WP01", "WP02", "WP03", "WP04"],
      done_wps: [],
    });
    const meta = JSON.parse(readFileSync(join(p.root, "kitty-specs", SLUG, "meta.json"), "utf8"));
    expect(meta.accepted_by).toBe(host.actor);

    const target = await host.fails(["merge-mission", ...M, "--target", "release"], "PREFLIGHT_FAILED");
    expect(String((target.errors as string[])[0])).toContain("not the mission's target branch (main)");
    const merged = await host.ok(["merge-mission", ...M, "--target", "main"]);
    expect(merged).toEqual({
      mission_slug: SLUG,
      mission_number: 1,
      mission_type: "software-dev",
      mission_id: "01JNQ4Z7K3M8W2T6R9XCVB5E1A",
      merged: true,
      target_branch: "main",
      strategy: "merge",
      worktree_removed: true,
      merged_wps: ["WP01", "WP03", "WP02", "WP04"],
    });
    expect(git(p.root, "cat-file", "-t", "main:parser.ts")).toBe("blob");
    expect(existsSync(join(p.root, ".worktrees", `${SLUG}-lane-a`))).toBe(false);
    // Merging again finds nothing left: still a success.
    expect((await host.ok(["merge-mission", ...M])).merged_wps).toEqual([]);
  });
});

describe("envelope bytes", () => {
  test("non-ASCII in data is escaped as Python's json.dumps escapes it", async () => {
    const args = ["append-history", ...M, "--wp", "WP03", "--actor", "agent-ü", "--note", "naïve – ✓"];
    const result = await runBin(["orchestrator-api", ...args], {
      cwd: p.root,
      env: { SPECIFY_REPO_ROOT: p.root },
    });
    expect(result.stdout).toMatch(/^[ -~]+\n$/); // printable ASCII only
    parseEnvelope(result.stdout);
  });
});
