/**
 * When a clone cannot run the merge drivers, nothing is lost: without spec-kitty on PATH the drivers'
 * fallback merges the log line by line (both sides kept) and says so; a clone without its driver config
 * (set up by hand or by an older version) gets a loud text conflict, which `doctor` names and
 * `doctor --fix` resolves exactly.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Clone, eventIdsEverCommitted, eventIdsOf, type Team, teamProject } from "../support/team.ts";
import { LOG, mission, seedProject } from "./team-setup.ts";

/** Alice and Bob each claim a WP and commit it; Alice pushes first. Bob has not pulled yet. */
async function divergedClaims(team: Team): Promise<{ alice: Clone; bob: Clone }> {
  const { alice, bob } = team.clones as Record<"alice" | "bob", Clone>;
  for (const c of [alice, bob]) await c.ok(["doctor", "--fix"]);
  await alice.ok(["agent", "action", "implement", "WP01", "--agent", "alice", ...mission, "--json"]);
  alice.commitStatus("WP01 claimed");
  alice.sync("rebase");
  await bob.ok(["agent", "action", "implement", "WP02", "--agent", "bob", ...mission, "--json"]);
  bob.commitStatus("WP02 claimed");
  return { alice, bob };
}

function everyIdIn(team: Team, clone: Clone): { committed: number; missing: string[] } {
  const log = eventIdsOf(readFileSync(join(clone.dir, LOG), "utf8"));
  const ever = new Set([
    ...eventIdsEverCommitted(team.remote, LOG),
    ...eventIdsEverCommitted(clone.dir, LOG),
  ]);
  return { committed: ever.size, missing: [...ever].filter((id) => !log.has(id)) };
}

// Failed before: with the driver configured but no spec-kitty on PATH, git kept only "ours" (the
// teammate's events silently missing, validate saying valid).
test("driver missing from PATH: the pull still keeps every event of both sides, and says so", async () => {
  const team = await teamProject(["alice", "bob"], seedProject);
  const { bob } = await divergedClaims(team);
  const path = bob.env.PATH as string;
  bob.env.PATH = process.env.PATH ?? "/usr/bin:/bin"; // git and sh, but no spec-kitty
  expect(Bun.which("spec-kitty", { PATH: bob.env.PATH })).toBeNull();
  const pulled = bob.pull("merge");
  bob.env.PATH = path;
  expect(pulled.code).toBe(0);
  expect(pulled.stderr).toContain("spec-kitty is not on PATH: event log merged line by line");
  expect(readFileSync(join(bob.dir, LOG), "utf8")).not.toContain("<<<<<<<");
  expect(everyIdIn(team, bob).missing).toEqual([]);
  // status.json was kept from this side; the log is the truth and the board shows both claims.
  const validate = await bob.ok(["agent", "status", "validate", ...mission, "--json"]);
  expect(validate.valid).toBe(true);
  const doc = await bob.ok(["agent", "tasks", "status", ...mission, "--json"]);
  const lanes = Object.fromEntries(
    (doc.work_packages as { id: string; lane: string }[]).map((w) => [w.id, w.lane]),
  );
  expect([lanes.WP01, lanes.WP02]).toEqual(["in_progress", "in_progress"]);
}, 180_000);

test("a clone without its drivers: the pull conflicts loudly, doctor names it, doctor --fix resolves it exactly", async () => {
  const team = await teamProject(["alice", "bob"], seedProject);
  const { bob } = await divergedClaims(team);
  // As in a clone set up by an older spec-kitty (or by hand): no driver config, no local rules.
  for (const key of ["spec-kitty-event-log", "spec-kitty-status"])
    bob.git("config", "--remove-section", `merge.${key}`);
  Bun.spawnSync(["rm", "-f", join(bob.dir, ".git", "info", "attributes")]);
  const pulled = bob.pull("merge");
  expect(pulled.code).not.toBe(0);
  expect(team.pulls.at(-1)?.conflicted).toContain(LOG);
  const doctor = await bob.sk(["doctor", "--json"]);
  expect(doctor.code).toBe(1);
  const findings = JSON.parse(doctor.stdout).findings as { message: string; auto_fixable: boolean }[];
  expect(findings).toContainEqual(
    expect.objectContaining({ message: expect.stringContaining(`${LOG} is conflicted`), auto_fixable: true }),
  );
  const fixed = await bob.ok(["doctor", "--fix", "--json"]);
  expect((fixed.fixed as string[]).join("\n")).toContain(`resolved and staged ${LOG}`);
  bob.git("commit", "--no-edit");
  expect(readFileSync(join(bob.dir, LOG), "utf8")).not.toContain("<<<<<<<");
  expect(everyIdIn(team, bob).missing).toEqual([]);
  expect((await bob.sk(["agent", "status", "validate", ...mission, "--json"])).code).toBe(0);
  expect(bob.git("status", "--porcelain")).toBe("");
}, 180_000);
