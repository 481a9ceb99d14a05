/**
 * The team facts of the core, on data built in memory: claimants and double claims as the log is
 * folded, the status.json merge driver, the `--agent` rules, the driver command line.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  checkActor,
  checkActorName,
  defaultActor,
  defaultAgent,
  resolveAgent,
} from "../../src/core/actor.ts";
import { driverCommandLine, MERGE_DRIVERS } from "../../src/core/git/drivers.ts";
import { isPersonActor } from "../../src/core/status/claims.ts";
import type { StatusEvent } from "../../src/core/status/event.ts";
import { buildStatusFile, serializeStatusFile } from "../../src/core/status/materialize.ts";
import { mergeStatusSnapshots } from "../../src/core/status/merge-snapshot.ts";
import { reduce, reduceWithTeam } from "../../src/core/status/reducer.ts";
import { tempDir } from "../support/fs.ts";

let clock = 0;
function ev(
  wp: string,
  from: string,
  to: string,
  actor: string,
  person: string | null,
  extra: Partial<StatusEvent> = {},
) {
  clock++;
  return {
    actor,
    at: `2026-05-01T10:00:${String(clock).padStart(2, "0")}.000000+00:00`,
    event_id: `01KT${String(clock).padStart(22, "0")}`,
    evidence: null,
    execution_mode: "worktree",
    force: false,
    from_lane: from,
    mission_slug: "001-x",
    policy_metadata: person ? { person } : null,
    reason: null,
    review_ref: null,
    to_lane: to,
    wp_id: wp,
    ...extra,
  } as StatusEvent;
}

const claim = (wp: string, actor: string, person: string | null) => [
  ev(wp, "planned", "claimed", actor, person),
  ev(wp, "claimed", "in_progress", actor, person),
];

describe("claimants and double claims", () => {
  test("two people running the same agent tool who both claim one WP are a double claim", () => {
    const log = [
      ev("WP01", "planned", "planned", "finalize-tasks", null, { force: true }),
      ...claim("WP01", "claude", "bob@x"),
    ];
    log.push(...claim("WP01", "claude", "carol@x"));
    const { team } = reduceWithTeam(log);
    expect(team.conflicts).toHaveLength(1);
    expect(team.conflicts[0]?.claims.map((c) => c.person)).toEqual(["bob@x", "carol@x"]);
    expect(team.holders.get("WP01")).toEqual({ actor: "claude", person: "carol@x" });
  });

  test("the same claimant twice (two clones of one person), or a claim after a rejection, is no conflict", () => {
    expect(
      reduceWithTeam([...claim("WP01", "bob", "bob@x"), ...claim("WP01", "bob", "bob@x")]).team.conflicts,
    ).toEqual([]);
    const rejected = [
      ...claim("WP01", "bob", "bob@x"),
      ev("WP01", "in_progress", "planned", "alice", "alice@x", { reason: "redo" }),
      ...claim("WP01", "carol", "carol@x"),
    ];
    expect(reduceWithTeam(rejected).team.conflicts).toEqual([]);
  });

  test("a resolution event closes the conflict and names the kept claimant as holder", () => {
    const log = [...claim("WP02", "bob", "bob@x"), ...claim("WP02", "carol", "carol@x")];
    const [bobClaim, , carolClaim] = log as StatusEvent[];
    const resolution = ev("WP02", "in_progress", "in_progress", "bob", null, {
      force: true,
      reason: "kept bob",
      policy_metadata: {
        person: "bob@x",
        claim_resolution: {
          claims: [bobClaim?.event_id, carolClaim?.event_id],
          kept: bobClaim?.event_id,
          resolved_by: "alice@x",
        },
      },
    });
    const { team } = reduceWithTeam([...log, resolution]);
    expect(team.conflicts).toEqual([]);
    expect(team.holders.get("WP02")).toEqual({ actor: "bob", person: "bob@x" });
    // A later stray claim by someone else is a new conflict.
    expect(
      reduceWithTeam([...log, resolution, ...claim("WP02", "dan", "dan@x")]).team.conflicts,
    ).toHaveLength(1);
  });

  test("the person never reaches status.json: its bytes are those of a log without it", () => {
    const withPerson = claim("WP01", "bob", "bob@x");
    const without = withPerson.map((e) => ({ ...e, policy_metadata: null }));
    const mission = {
      root: "/p",
      dir: "/p/kitty-specs/001-x",
      slug: "001-x",
      meta: { mission_number: "001" },
      missionId: null,
    };
    expect(serializeStatusFile(buildStatusFile(mission, reduce(withPerson)))).toBe(
      serializeStatusFile(buildStatusFile(mission, reduce(without))),
    );
  });
});

describe("the status.json merge driver", () => {
  const mission = {
    root: "/p",
    dir: "/p/kitty-specs/001-x",
    slug: "001-x",
    meta: { mission_number: "001" },
    missionId: null,
  };
  const file = (events: StatusEvent[]) => serializeStatusFile(buildStatusFile(mission, reduce(events)));

  test("gives exactly what the union of both logs materialises to, either way round", () => {
    const base = [
      ev("WP01", "planned", "planned", "finalize-tasks", null, { force: true }),
      ev("WP02", "planned", "planned", "finalize-tasks", null, { force: true }),
    ];
    const ours = [
      ...base,
      ...claim("WP01", "bob", "bob@x"),
      ev("WP01", "in_progress", "blocked", "bob", "bob@x", { force: true, reason: "wait" }),
    ];
    const theirs = [...base, ...claim("WP02", "carol", "carol@x")];
    const union = [...new Map([...ours, ...theirs].map((e) => [e.event_id, e])).values()];
    expect(mergeStatusSnapshots(file(base), file(ours), file(theirs))).toBe(file(union));
    expect(mergeStatusSnapshots(file(base), file(theirs), file(ours))).toBe(file(union));
  });

  test("a side that is not JSON (conflict markers) is taken as empty, never an error", () => {
    const ours = claim("WP01", "bob", "bob@x");
    const merged = JSON.parse(mergeStatusSnapshots("", file(ours), "<<<<<<< ours\n{"));
    expect(merged.work_packages.WP01.lane).toBe("in_progress");
  });
});

describe("--agent", () => {
  const project = (available: string[]) => {
    const root = tempDir();
    Bun.spawnSync(["mkdir", "-p", join(root, ".kittify")]);
    writeFileSync(join(root, ".kittify", "config.yaml"), `agents:\n  available: [${available.join(", ")}]\n`);
    return root;
  };

  test("is a free-form name, checked for safety", () => {
    for (const name of ["bob", "reviewer", "ci", "alice@example.com", "claude:opus", "bot-7"])
      expect(checkActorName(name)).toBe(name);
    for (const bad of [
      "",
      "a/b",
      "..\\x",
      "two words",
      "tab\there",
      "x".repeat(65),
      "-flag",
      "user",
      "merge",
    ])
      expect(() => checkActorName(bad)).toThrow();
  });

  test("a tool key the project does not configure, or one letter off a tool key, is refused unless forced", () => {
    const root = project(["claude"]);
    expect(checkActor("claude", { root })).toBe("claude");
    expect(() => checkActor("gemini", { root })).toThrow(/not set up for/);
    expect(() => checkActor("claud", { root })).toThrow(/did you mean 'claude'/);
    expect(checkActor("gemini", { root, force: true })).toBe("gemini");
    expect(checkActor("carol", { root })).toBe("carol");
  });

  test("the loop's default is the only configured tool; with several, --agent is required", () => {
    expect(defaultAgent(project(["claude"]))).toBe("claude");
    expect(resolveAgent(undefined, { root: project(["claude"]), required: true })).toBe("claude");
    expect(() => resolveAgent(undefined, { root: project(["claude", "codex"]), required: true })).toThrow(
      /--agent is required/,
    );
    expect(resolveAgent(undefined, { root: project(["claude", "codex"]), required: false })).toBeNull();
  });

  // Failed before: move-task recorded an unchecked git e-mail, accept $USER; both fell back to the
  // reserved `user`.
  test("the recorded default: the only configured tool, else a usable git e-mail, else AGENT_REQUIRED", () => {
    const git = (email?: string) => ({
      PATH: process.env.PATH,
      HOME: "/nonexistent",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      ...(email ? { GIT_AUTHOR_EMAIL: email } : {}),
      USER: "root",
    });
    const two = project(["claude", "codex"]);
    expect(defaultActor(project(["claude"]), git("bob@example.com"))).toBe("claude");
    expect(defaultActor(two, git("bob@example.com"))).toBe("bob@example.com");
    for (const env of [git(), git("../../etc@x"), git(`${"b".repeat(70)}@example.com`), undefined])
      expect(() => defaultActor(two, env)).toThrow(/--agent is required/);
    expect(() => defaultActor(two, git(), "--actor")).toThrow(/--actor is required/);
  });

  test("an actor is the person themself when it is their e-mail", () => {
    expect(isPersonActor({ actor: "bob@x", person: "bob@x" })).toBe(true);
    expect(isPersonActor({ actor: "claude", person: "bob@x" })).toBe(false);
    expect(isPersonActor({ actor: "bob@x", person: "alice@x" })).toBe(false);
    expect(isPersonActor({ actor: "bob@x", person: null })).toBe(false);
  });
});

describe("driver commands", () => {
  test("run spec-kitty from PATH, and fall back only when it cannot be found (exit 127)", () => {
    for (const driver of MERGE_DRIVERS) {
      const line = driverCommandLine(driver);
      expect(line).toStartWith(`spec-kitty ${driver.command} %O %A %B || {`);
      expect(line).toContain("[ $s -eq 127 ] || exit $s;");
      expect(line).not.toContain("/");
    }
  });

  test("the fallback really keeps both sides of an event log (run by sh, without spec-kitty)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "O"), "a\n");
    writeFileSync(join(dir, "A"), "a\nb\n");
    writeFileSync(join(dir, "B"), "a\nc\n");
    const line = driverCommandLine(MERGE_DRIVERS[0] as (typeof MERGE_DRIVERS)[number])
      .replaceAll("%O", "O")
      .replaceAll("%A", "A")
      .replaceAll("%B", "B");
    const proc = Bun.spawnSync(["sh", "-c", line], { cwd: dir, env: { PATH: "/usr/bin:/bin" } });
    expect(proc.exitCode).toBe(0);
    expect(readFileSync(join(dir, "A"), "utf8")).toBe("a\nb\nc\n");
    expect(proc.stderr.toString()).toContain("spec-kitty is not on PATH");
  });
});
