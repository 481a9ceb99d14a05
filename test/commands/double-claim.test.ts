/**
 * A double claim (two claimants claimed one WP while apart, then synced) holds the WP where it is
 * until one claimant is kept: move-task, the orchestrator-api's transition and merge refuse to carry
 * it on (each failed before: either claimant could push it to approved, and merge marked it done),
 * and validate names a real `--keep` value. Also the writes these commands make after their events,
 * checked before the first one (failed before: the events were appended, then the write refused).
 * In process, real git; the rival claim is written into the log as a sync would bring it.
 */
import { describe, expect, test } from "bun:test";
import {
  appendFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { newEventId } from "../../src/core/clock.ts";
import { reviewWp } from "../../src/core/loop/review.ts";
import { resolveMission } from "../../src/core/mission/resolve.ts";
import { parseEventLog } from "../../src/core/status/event.ts";
import { laneOf, reduce } from "../../src/core/status/reducer.ts";
import { approveFixtureWps, commitFixtureWork, FIXTURE_SLUG } from "../support/approve.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";
import { statusEvent } from "../support/status.ts";

const M = ["--mission", FIXTURE_SLUG];
const MISSION = join("kitty-specs", FIXTURE_SLUG);
const LOG = join(MISSION, "status.events.jsonl");
const WP02 = join(MISSION, "tasks", "WP02-summary-report.md");
const BOB = "bob@example.com";
const CAROL = "carol@example.com";
const POLICY = JSON.stringify({
  orchestrator_id: "o",
  orchestrator_version: "0.1.3",
  agent_family: "claude",
  approval_mode: "full_auto",
  sandbox_mode: "workspace_write",
  network_mode: "none",
  dangerous_flags: [],
  tool_restrictions: null,
});

const as = (email: string) => ({ ...gitEnv(), GIT_AUTHOR_EMAIL: email });
const sk = (root: string, email: string, ...args: string[]) =>
  runInProcess(args[0] === "orchestrator-api" ? args : [...args, "--json"], { cwd: root, env: as(email) });
const move = (root: string, email: string, ...args: string[]) =>
  sk(root, email, "agent", "tasks", "move-task", ...args, ...M);
const logText = (root: string) => readFileSync(join(root, LOG), "utf8");
const laneNow = (root: string, wp: string) => laneOf(reduce(parseEventLog(logText(root), LOG)), wp);

/** The fixture finalized, its work committed on the lane branches, every subtask ticked, as bob. */
async function project(approve: string[] = []): Promise<string> {
  const root = copyFixture("mission-tasks");
  writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  available: [claude]\n");
  initRepo(root);
  expect((await sk(root, BOB, "agent", "mission", "finalize-tasks", ...M)).code).toBe(0);
  commitFixtureWork(root);
  await approveFixtureWps((cwd, args) => runInProcess(args, { cwd, env: as(BOB) }), root, {
    wps: approve,
    agent: "claude",
  });
  return root;
}

/** Carol's claim of `wp`, made apart at the moment bob claimed it, as her pushed log brings it. */
function rivalClaim(root: string, wp: string): void {
  const bobs = parseEventLog(logText(root), LOG).find(
    (e) => e.wp_id === wp && e.from_lane === "planned" && e.to_lane === "claimed",
  );
  if (!bobs) throw new Error(`${wp} was never claimed`);
  const carols = statusEvent({
    event_id: newEventId(),
    at: bobs.at,
    wp_id: wp,
    actor: "claude",
    mission_id: bobs.mission_id,
    mission_slug: FIXTURE_SLUG,
    policy_metadata: { person: CAROL },
  });
  appendFileSync(join(root, LOG), `${JSON.stringify(carols)}\n`);
}

describe("a double claim holds the WP until one claimant is kept", () => {
  test("move-task refuses to carry it on, for either claimant; planned/blocked and --force are the ways out", async () => {
    const root = await project();
    expect((await move(root, BOB, "WP02", "--to", "in_progress", "--agent", "claude")).code).toBe(0);
    rivalClaim(root, "WP02");
    const before = logText(root);
    for (const who of [BOB, CAROL]) {
      const out = await move(root, who, "WP02", "--to", "for_review", "--agent", "claude");
      expect(out.code).toBe(1);
      const doc = JSON.parse(out.stdout);
      expect(doc.error_code).toBe("CLAIM_CONFLICT");
      expect(doc.error).toContain(`WP02 was claimed twice (claude (${BOB}) and claude (${CAROL}))`);
      expect(doc.fix).toContain(
        `spec-kitty agent status resolve-claim WP02 --keep ${BOB} --mission ${FIXTURE_SLUG}`,
      );
    }
    expect(logText(root)).toBe(before);
    const parked = await move(root, CAROL, "WP02", "--to", "blocked", "--agent", "claude", "--force");
    expect(parked.code).toBe(0);
    const forced = await move(root, BOB, "WP02", "--to", "in_progress", "--agent", "claude", "--force");
    expect(forced.code).toBe(0);
    expect(laneNow(root, "WP02")).toBe("in_progress");
  });

  test("the orchestrator-api's transition refuses it as WP_ALREADY_CLAIMED (an envelope code, not INTERNAL_ERROR)", async () => {
    const root = await project();
    expect((await move(root, BOB, "WP02", "--to", "in_progress", "--agent", "claude")).code).toBe(0);
    rivalClaim(root, "WP02");
    const before = logText(root);
    const common = ["orchestrator-api", "transition", ...M, "--wp", "WP02", "--actor", "claude"];
    const out = await sk(root, BOB, ...common, "--to", "for_review", "--policy", POLICY);
    expect(out.code).toBe(1);
    const envelope = JSON.parse(out.stdout);
    expect(envelope.error_code).toBe("WP_ALREADY_CLAIMED");
    expect(envelope.data.message).toContain("WP02 was claimed twice");
    expect(logText(root)).toBe(before);
    const parked = await sk(root, BOB, ...common, "--to", "blocked");
    expect(JSON.parse(parked.stdout).success).toBe(true);
  });

  test("merge will not land a double-claimed approved WP: --dry-run shows it in would_stop, merge refuses", async () => {
    const root = await project(["WP02"]);
    rivalClaim(root, "WP02");
    expect(laneNow(root, "WP02")).toBe("approved");
    const preview = await sk(root, BOB, "merge", ...M, "--dry-run", "--skip-unapproved");
    expect(JSON.parse(preview.stdout).would_stop).toMatchObject({ code: "CLAIM_CONFLICT" });
    expect(JSON.parse(preview.stdout).would_stop.fix).toContain("resolve-claim WP02 --keep");
    const before = logText(root);
    const merged = await sk(root, BOB, "merge", ...M, "--skip-unapproved");
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout).error_code).toBe("CLAIM_CONFLICT");
    expect(logText(root)).toBe(before);
  });

  test("validate names a --keep value that resolve-claim takes (failed before: `--keep <claimant>`)", async () => {
    const root = await project();
    expect((await move(root, BOB, "WP02", "--to", "in_progress", "--agent", "claude")).code).toBe(0);
    rivalClaim(root, "WP02");
    const out = await sk(root, BOB, "agent", "status", "validate", ...M);
    const error = (JSON.parse(out.stdout).errors as string[]).find((e) => e.includes("double claim")) ?? "";
    const command = /`(spec-kitty agent status resolve-claim [^`]+)`/.exec(error)?.[1] ?? "";
    expect(command).toBe(
      `spec-kitty agent status resolve-claim WP02 --keep ${BOB} --mission ${FIXTURE_SLUG}`,
    );
    const resolved = await sk(root, BOB, ...command.split(" ").slice(1));
    expect(resolved.code).toBe(0);
  });
});

describe("files written after the events are checked before the first one", () => {
  test("a rejection with tasks.md hard-linked outside writes nothing (failed before: events, WP file and cycle written)", async () => {
    const root = await project();
    expect((await move(root, BOB, "WP02", "--to", "for_review", "--agent", "claude")).code).toBe(0);
    expect((await sk(root, BOB, "agent", "action", "review", "WP02", "--agent", "claude", ...M)).code).toBe(
      0,
    );
    writeFileSync(join(root, "feedback.md"), "Please add tests.\n");
    const tasks = join(root, MISSION, "tasks.md");
    const outside = join(tempDir(), "tasks.md");
    renameSync(tasks, outside);
    linkSync(outside, tasks);
    const before = { log: logText(root), wp: readFileSync(join(root, WP02), "utf8") };
    const out = await move(root, BOB, "WP02", "--to", "planned", "--review-feedback-file", "feedback.md");
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).error_code).toBe("HARDLINKED_FILE");
    expect({ log: logText(root), wp: readFileSync(join(root, WP02), "utf8") }).toEqual(before);
    expect(existsSync(join(root, MISSION, "tasks", "WP02-summary-report", "review-cycle-1.md"))).toBe(false);
  });

  test("resolve-claim with the WP file hard-linked outside records no resolution (failed before: it did, then failed)", async () => {
    const root = await project();
    expect((await move(root, BOB, "WP02", "--to", "in_progress", "--agent", "claude")).code).toBe(0);
    rivalClaim(root, "WP02");
    const wp = join(root, WP02);
    const outside = join(tempDir(), "WP02.md");
    renameSync(wp, outside);
    linkSync(outside, wp);
    const before = logText(root);
    const out = await sk(root, BOB, "agent", "status", "resolve-claim", "WP02", "--keep", BOB, ...M);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).error_code).toBe("HARDLINKED_FILE");
    expect(logText(root)).toBe(before);
  });
});

// The mission view's containment check already refuses this (so this passed before too); review.ts now
// also checks the folder it makes itself, before the claim, as every writer does.
test("a review whose feedback folder leads outside is refused before the claim", async () => {
  const root = await project();
  expect((await move(root, BOB, "WP02", "--to", "for_review", "--agent", "claude")).code).toBe(0);
  const outside = join(tempDir(), "cycles");
  mkdirSync(outside);
  symlinkSync(outside, join(root, MISSION, "tasks", "WP02-summary-report"));
  const before = logText(root);
  const mission = resolveMission(root, FIXTURE_SLUG);
  const review = reviewWp({ mission, wpId: "WP02", agent: "claude", env: as(BOB) });
  await expect(review).rejects.toMatchObject({ code: "PATH_ESCAPE" });
  expect(logText(root)).toBe(before);
  expect(readdirSync(outside)).toEqual([]);
});
