/**
 * `spec-kitty orchestrator-api` driven the way the external spec-kitty-orchestrator drives it
 * (upstream-commands.md §A.6), against the compiled binary: the whole call sequence from the version
 * probe to a merged mission, and then every command's envelope and error codes one by one.
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "../support/git.ts";
import { loopProject, SLUG } from "./loop-setup.ts";
import { POLICY, Provider } from "./orchestrator-provider.ts";

const M = ["--mission", SLUG];

type Wp = { wp_id: string; lane: string; dependencies: string[]; last_actor: string | null };

function events(root: string): Record<string, unknown>[] {
  return readFileSync(join(root, "kitty-specs", SLUG, "status.events.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

/** What the reference orchestrator's agent step amounts to: work, tick subtasks, commit. */
async function implement(
  p: Awaited<ReturnType<typeof loopProject>>,
  wpId: string,
  workspace: string,
  prompt: string,
  round: number,
) {
  const subtasks = [...readFileSync(prompt, "utf8").matchAll(/^\s+- "(T\d+)"$/gm)].map((m) => m[1] as string);
  const file = join(workspace, "src", `${wpId.toLowerCase()}.ts`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `export const ${wpId.toLowerCase()} = ${round};\n`);
  await p.ok(["agent", "tasks", "mark-status", ...subtasks, "--status", "done", ...M], workspace);
  git(workspace, "add", "-A");
  git(workspace, "commit", "-q", "-m", `feat(${wpId}): implementation by fake-agent`);
}

describe("orchestrator-api, driven as spec-kitty-orchestrator drives it", () => {
  test("probe → claim → implement → review (one rejection) → done for every WP, then `spec-kitty merge` lands it all", async () => {
    const p = await loopProject();
    const host = new Provider(p.root);
    const policy = ["--policy", POLICY];
    const actor = ["--actor", host.actor];

    // 1. The version probe: the provider needs api_version >= 1.3.0 (dotted integers).
    const version = await host.ok(["contract-version"]);
    expect(version).toEqual({ api_version: "1.3.0", min_supported_provider_version: "0.1.0" });
    // 2. Restart recovery: in_review WPs last touched by our actor go back to for_review (none yet).
    const initial = await host.ok(["mission-state", ...M]);
    expect((initial.work_packages as Wp[]).filter((w) => w.lane === "in_review")).toEqual([]);

    const cycles = new Map<string, number>();
    for (let poll = 0; poll < 30; poll++) {
      const ready = (await host.ok(["list-ready", ...M])).ready_work_packages as { wp_id: string }[];
      const state = (await host.ok(["mission-state", ...M])).work_packages as Wp[];
      if (state.every((w) => w.lane === "done")) break;
      const orphans = state
        .filter((w) => ["claimed", "in_progress", "for_review"].includes(w.lane))
        .map((w) => w.wp_id);
      const schedulable = [...new Set([...ready.map((w) => w.wp_id), ...orphans])];
      expect(schedulable.length).toBeGreaterThan(0); // the reference loop would call this a deadlock
      for (const wpId of schedulable) {
        const lane = state.find((w) => w.wp_id === wpId)?.lane;
        const wp = ["--wp", wpId];
        let workspace: string;
        let prompt: string;
        if (lane === "for_review") {
          const ws = await host.ok(["resolve-workspace", ...M, ...wp]);
          workspace = ws.workspace_path as string;
          prompt = ws.prompt_path as string;
        } else {
          const start = await host.ok(["start-implementation", ...M, ...wp, ...actor, ...policy]);
          expect(start.to_lane).toBe("in_progress");
          workspace = start.workspace_path as string;
          prompt = start.prompt_path as string;
          if (wpId === "WP04") expect(start.lane_id).toBe("lane-planning");
          else expect(start.lane_branch).toBe(`kitty/mission-${SLUG}-${start.lane_id}`);
          await host.ok(["append-history", ...M, ...wp, ...actor, "--note", "Starting implementation"]);
          await implement(p, wpId, workspace, prompt, 1);
          await host.ok([
            "transition",
            ...M,
            ...wp,
            "--to",
            "for_review",
            ...actor,
            ...policy,
            "--note",
            "done",
          ]);
        }
        for (;;) {
          const cycle = (cycles.get(wpId) ?? 0) + 1;
          cycles.set(wpId, cycle);
          const ref = `review-${wpId}-cycle${cycle}-0123abcd`;
          const review = await host.ok([
            "start-review",
            ...M,
            ...wp,
            ...actor,
            ...policy,
            "--review-ref",
            ref,
          ]);
          expect(review.to_lane).toBe("in_review");
          // The reviewer's verdict; WP01 is sent back once.
          const verdict = wpId === "WP01" && cycle === 1 ? "changes_requested" : "approved";
          const result = JSON.stringify({ reference: ref, reviewer: host.actor, verdict });
          if (verdict === "approved") {
            const done = await host.ok([
              "transition",
              ...M,
              ...wp,
              "--to",
              "done",
              ...actor,
              ...policy,
              "--review-ref",
              ref,
              "--review-result-json",
              result,
              "--evidence-json",
              JSON.stringify({ review: JSON.parse(result) }),
            ]);
            expect(done).toMatchObject({
              from_lane: "in_review",
              to_lane: "done",
              policy_metadata_recorded: true,
            });
            break;
          }
          await host.ok([
            "transition",
            ...M,
            ...wp,
            "--to",
            "in_progress",
            ...actor,
            ...policy,
            "--review-ref",
            `feedback-${ref}`,
            "--review-result-json",
            result,
          ]);
          await implement(p, wpId, workspace, prompt, cycle + 1);
          await host.ok(["transition", ...M, ...wp, "--to", "for_review", ...actor, ...policy]);
        }
      }
    }
    const final = await host.ok(["mission-state", ...M]);
    expect((final.work_packages as Wp[]).map((w) => [w.wp_id, w.lane, w.last_actor])).toEqual([
      ["WP01", "done", host.actor],
      ["WP02", "done", host.actor],
      ["WP03", "done", host.actor],
      ["WP04", "done", host.actor],
    ]);
    expect(cycles.get("WP01")).toBe(2);
    // Every event the orchestrator caused carries its policy.
    const mine = events(p.root).filter((e) => e.actor === host.actor);
    expect(mine.length).toBeGreaterThan(10);
    for (const e of mine)
      expect((e.policy_metadata as Record<string, unknown>).orchestrator_id).toBe("spec-kitty-orchestrator");

    // 7. The reference orchestrator stops here and tells the user to merge. Failed before the fix:
    // lanes whose WPs were all `done` were skipped as "already merged" and their work never landed.
    await p.ok(["merge", "--mission", SLUG]);
    for (const wp of ["wp01", "wp02", "wp03", "wp04"])
      expect(git(p.root, "cat-file", "-t", `main:src/${wp}.ts`)).toBe("blob");
    expect(git(p.root, "show", "main:src/wp01.ts")).toBe("export const wp01 = 2;");
  }, 180_000);

  test("the 1.2-era ways still work: --force --note out of in_review, explicit guard flags, done via for_review refused", async () => {
    const p = await loopProject();
    const host = new Provider(p.root);
    const common = [...M, "--wp", "WP02", "--actor", host.actor, "--policy", POLICY];
    const start = await host.ok(["start-implementation", ...common]);
    await implement(p, "WP02", start.workspace_path as string, start.prompt_path as string, 1);
    await host.ok([
      "transition",
      ...common,
      "--to",
      "for_review",
      "--subtasks-complete",
      "--implementation-evidence-present",
    ]);
    // orch 0.1.2 first tries done straight from for_review; the table refuses, then it claims the review.
    await host.fails(["transition", ...common, "--to", "done"], "TRANSITION_REJECTED");
    await host.ok(["start-review", ...common]);
    await host.fails(["transition", ...common, "--to", "done"], "TRANSITION_REJECTED"); // needs a review result
    const forced = await host.ok([
      "transition",
      ...common,
      "--to",
      "done",
      "--force",
      "--note",
      "approved by reviewer",
    ]);
    expect(forced).toMatchObject({ from_lane: "in_review", to_lane: "done" });
    // blocked needs no policy; a policy given anyway is checked and recorded.
    const blockedWp = [...M, "--wp", "WP01", "--actor", host.actor];
    expect(await host.ok(["transition", ...blockedWp, "--to", "blocked"])).toMatchObject({
      policy_metadata_recorded: false,
    });
    expect(await host.ok(["transition", ...blockedWp, "--to", "canceled", "--policy", POLICY])).toMatchObject(
      {
        policy_metadata_recorded: true,
      },
    );
  }, 120_000);
});
