/**
 * Three people, three clones of one bare remote (each with their own HOME and git identity), the
 * compiled binary on PATH: parallel implementation and review of different WPs, pushes and pulls in
 * both orders (merge and rebase pulls), a review of a lane that exists only on the remote, a hand-off
 * inside a lane, a merge with a remote-only lane and --push. Audited at the end: conflicts, every
 * event id ever committed, the boards of every clone, every WP's files on the remote. Then every
 * command of the README's "Working as a team" section must have been run.
 */
import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Clone, eventIdsEverCommitted, eventIdsOf, type Team, teamProject } from "../support/team.ts";
import { approve, handOver, implement, LOG, M, mission, review, seedProject } from "./team-setup.ts";

/** Every command the teams of this file ran: the README check at the end looks here. */
const RAN: string[] = [];

/** What every clone's board must agree on: each WP's lane, holder and title, and the counts. */
async function board(c: Clone): Promise<string> {
  const doc = await c.ok(["agent", "tasks", "status", ...mission, "--json"]);
  const wps = (doc.work_packages as { id: string; lane: string; agent: string; title: string }[]).map(
    (w) => `${w.id}:${w.lane}:${w.agent}:${w.title}`,
  );
  return JSON.stringify({ by_lane: doc.by_lane, wps, conflicts: doc.claim_conflicts });
}

/** Each command line of the README section, placeholders (`<you>`) standing for one word. */
function readmeCommands(): RegExp[] {
  const readme = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("<!-- team:start -->"), readme.indexOf("<!-- team:end -->"));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const lines = blocks.flatMap((b) => b.split("\n")).flatMap((l) => l.split(" && "));
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const pattern = l
        .split(/(<[^>]+>)/)
        .map((part) =>
          part.startsWith("<") ? "\\S+(?: \\S+)*?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("");
      return new RegExp(`^${pattern}(?: --json)?$`);
    });
}

test("three clones: 0 conflicts, 0 lost events, identical boards, no dropped WP", async () => {
  const team: Team = await teamProject(["alice", "bob", "carol"], seedProject);
  const { alice, bob, carol } = team.clones as Record<"alice" | "bob" | "carol", Clone>;
  // Once per clone: this clone's merge drivers and excludes (git config is never cloned).
  for (const c of [alice, bob, carol]) {
    const fixed = await c.ok(["doctor", "--fix", "--json"]);
    expect(fixed.fixed as string[]).toContainEqual(expect.stringContaining("merge drivers"));
    expect(c.git("config", "merge.spec-kitty-status.driver")).toStartWith("spec-kitty merge-driver-status");
    expect((await c.ok(["doctor", "--json"])).healthy).toBe(true);
  }

  // Round 1, apart: Bob implements WP01 (lane-a), Carol WP02 (lane-b); both push, rebase pulls.
  bob.pull("rebase");
  carol.pull("rebase");
  const wp01 = await implement(bob, "WP01");
  const wp02 = await implement(carol, "WP02");
  await handOver(
    bob,
    "WP01",
    wp01,
    "src/parser/csv.ts",
    "export const parse = (t: string) => t.split('\\n');\n",
    "T001,T002",
  );
  await handOver(
    carol,
    "WP02",
    wp02,
    "src/report/summary.ts",
    "export const summary = () => 'ok';\n",
    "T003",
  );
  bob.sync("rebase");
  carol.sync("rebase");

  // Round 2: Alice reviews WP01 and Bob reviews WP02, each a lane that exists only on the remote in
  // their clone: the worktree shows the implementer's code. Merge pulls this time.
  alice.pull("merge");
  const aliceA = await review(alice, "WP01");
  expect(existsSync(join(aliceA, "src/parser/csv.ts"))).toBe(true);
  await approve(alice, "WP01");
  bob.pull("merge");
  const bobB = await review(bob, "WP02");
  expect(readFileSync(join(bobB, "src/report/summary.ts"), "utf8")).toContain("summary");
  await approve(bob, "WP02");
  alice.sync("merge");
  bob.sync("merge");

  // Round 3: a hand-off inside lane-a (Carol takes WP03 after Bob's WP01, from the remote lane) while
  // Bob does the planning WP04 on main.
  carol.pull("merge");
  const wp03 = await implement(carol, "WP03");
  expect(readFileSync(join(wp03.workspace, "src/parser/csv.ts"), "utf8")).toContain("parse");
  await handOver(
    carol,
    "WP03",
    wp03,
    "src/cli/main.ts",
    "import { parse } from '../parser/csv.ts';\n",
    "T004",
  );
  bob.pull("rebase");
  const wp04 = await implement(bob, "WP04");
  expect(wp04.workspace).toBe(bob.dir);
  await handOver(bob, "WP04", wp04, `kitty-specs/${M}/quickstart.md`, "# Quickstart\n", "T005");
  carol.sync("rebase");
  bob.sync("merge");

  // Round 4: Alice's lane-a worktree is behind the remote (Carol pushed WP03): it catches up.
  alice.pull("rebase");
  const again = await review(alice, "WP03");
  expect(again).toBe(aliceA);
  expect(existsSync(join(aliceA, "src/cli/main.ts"))).toBe(true);
  await approve(alice, "WP03");
  carol.pull("merge");
  await review(carol, "WP04");
  await approve(carol, "WP04");
  alice.sync("rebase");
  carol.sync("merge");

  // Everyone pulls: the same board everywhere, what every README step says to look at.
  for (const c of [alice, bob, carol]) {
    c.pull("merge");
    await c.ok(["agent", "tasks", "status", ...mission]);
    await c.ok(["doctor"]);
  }
  const boards = await Promise.all([alice, bob, carol].map(board));
  expect(new Set(boards).size).toBe(1);

  // Alice accepts (as herself: her git identity) and merges; lane-b exists only on the remote here.
  const accepted = await alice.ok(["accept", ...mission, "--json"]);
  expect(accepted.accepted_by).toBe("alice@example.com");
  alice.commitStatus("accept");
  const plan = await alice.ok(["merge", ...mission, "--dry-run", "--fetch", "--json"]);
  const laneState = Object.fromEntries(
    (plan.lanes as { lane_id: string; remote_state?: { state: string } }[]).map((l) => [
      l.lane_id,
      l.remote_state?.state,
    ]),
  );
  expect(laneState).toMatchObject({ "lane-a": "in_sync", "lane-b": "remote_only" });
  const merged = await alice.ok(["merge", ...mission, "--fetch", "--push", "--json"]);
  expect(merged.result).toBe("success");
  expect(merged.steps as { id: string }[]).toContainEqual(expect.objectContaining({ id: "remote-branches" }));

  // The remote: every WP's files on main, no lane branch left.
  const remoteFiles = alice.git("ls-tree", "-r", "--name-only", "origin/main").split("\n");
  const dropped = [
    "src/parser/csv.ts",
    "src/report/summary.ts",
    "src/cli/main.ts",
    `kitty-specs/${M}/quickstart.md`,
  ].filter((f) => !remoteFiles.includes(f));
  expect(dropped).toEqual([]);
  expect(
    alice
      .git("ls-remote", "--heads", "origin")
      .split("\n")
      .filter((l) => l.includes("kitty/")),
  ).toEqual([]);

  for (const c of [bob, carol]) c.pull("rebase");
  const final = await Promise.all([alice, bob, carol].map(board));
  expect(new Set(final).size).toBe(1);
  expect(final[0]).toContain("WP01:done");

  // The audit: every event id any commit of any clone (or the remote) ever held is in the final log.
  const finalLog = eventIdsOf(alice.git("show", `origin/main:${LOG}`));
  const ever = new Set<string>();
  for (const dir of [team.remote, alice.dir, bob.dir, carol.dir])
    for (const id of eventIdsEverCommitted(dir, LOG)) ever.add(id);
  const lost = [...ever].filter((id) => !finalLog.has(id));
  const conflicts = team.pulls.filter((p) => p.code !== 0 || p.conflicted.length > 0);
  console.log(
    `three clones: ${team.pulls.length} pulls (${team.pulls.filter((p) => p.mode === "rebase").length} rebase), ` +
      `${conflicts.length} conflicts, ${ever.size} event ids committed, ${lost.length} lost, ` +
      `${new Set(final).size - 1} boards differing, ${dropped.length} WPs dropped`,
  );
  expect(conflicts).toEqual([]);
  expect(lost).toEqual([]);
  expect(ever.size).toBeGreaterThan(20);

  RAN.push(...team.ran);
}, 300_000);

// Failed before: two offline claims both succeeded, nothing showed it, and `next` told the second
// claimant's teammate running the same agent to "resume" a WP someone else held.
test("a double claim after a sync is named by the board, next and validate; resolve-claim settles it", async () => {
  const team = await teamProject(["alice", "carol"], seedProject);
  const { alice, carol } = team.clones as Record<"alice" | "carol", Clone>;
  for (const c of [alice, carol]) await c.ok(["doctor", "--fix"]);
  // Apart, both claim WP02, both as `claude`: two people, one agent tool.
  for (const c of [alice, carol]) {
    await c.ok(["agent", "action", "implement", "WP02", "--agent", "claude", ...mission, "--json"]);
    c.commitStatus("WP02 claimed");
  }
  alice.sync("rebase");
  const pulled = carol.pull("merge");
  // The log and status.json merge by the drivers; at most the WP file both claims edited conflicts
  // (its activity lines differ when the two claims fell in different seconds).
  const wpFile = `kitty-specs/${M}/tasks/WP02-summary-report.md`;
  const conflicted = team.pulls.at(-1)?.conflicted ?? [];
  expect(conflicted.filter((path) => path !== wpFile)).toEqual([]);
  if (pulled.code !== 0) {
    expect(conflicted).toEqual([wpFile]);
    carol.git("checkout", "--ours", "--", wpFile);
    carol.git("add", "kitty-specs");
    carol.git("commit", "--no-edit");
  }

  const text = await carol.ok(["agent", "tasks", "status", ...mission]);
  expect(text.stdout).toContain(
    "WP02 claimed twice: claude (alice@example.com) and claude (carol@example.com)",
  );
  expect(text.stdout).toContain(
    `spec-kitty agent status resolve-claim WP02 --keep alice@example.com --mission ${M}`,
  );
  const json = await carol.ok(["agent", "tasks", "status", ...mission, "--json"]);
  const conflicts = json.claim_conflicts as { wp_id: string; claims: { person: string }[] }[];
  expect(conflicts.map((c) => [c.wp_id, c.claims.map((x) => x.person)])).toEqual([
    ["WP02", ["alice@example.com", "carol@example.com"]],
  ]);
  // A double claim blocks the WP until it is resolved: kind blocked, exit 1 (as every blocked answer).
  const asked = await carol.sk(["next", "--agent", "claude", ...mission, "--json"]);
  expect(asked.code).toBe(1);
  const next = JSON.parse(asked.stdout);
  expect(next.kind).toBe("blocked");
  expect(next.reason).toContain("WP02 was claimed twice");
  expect(next.reason).toContain("--keep alice@example.com");
  expect(next.wp_id).toBe("WP02");
  const held = await carol.sk([
    "agent",
    "action",
    "implement",
    "WP02",
    "--agent",
    "claude",
    ...mission,
    "--json",
  ]);
  expect(JSON.parse(held.stdout).error_code).toBe("CLAIM_CONFLICT");
  const invalid = await carol.sk(["agent", "status", "validate", ...mission, "--json"]);
  expect(invalid.code).toBe(1);
  expect(JSON.parse(invalid.stdout).errors.join("\n")).toContain("WP02: double claim");

  const resolved = await carol.ok([
    "agent",
    "status",
    "resolve-claim",
    "WP02",
    "--keep",
    "carol@example.com",
    ...mission,
    "--json",
  ]);
  expect(resolved).toMatchObject({
    lane: "in_progress",
    kept: { actor: "claude", person: "carol@example.com" },
  });
  expect((await carol.sk(["agent", "status", "validate", ...mission, "--json"])).code).toBe(0);
  expect((await carol.ok(["agent", "tasks", "status", ...mission, "--json"])).claim_conflicts).toEqual([]);
  // Carol carries on; Alice (also `claude`) is never told WP02 is hers.
  const carolNext = await carol.ok(["next", "--agent", "claude", ...mission, "--json"]);
  expect(carolNext).toMatchObject({ wp_id: "WP02", action: "implement" });
  expect(carolNext.reason).toContain("with you");
  carol.commitStatus("WP02: keep carol's claim");
  carol.sync("merge");
  alice.pull("rebase");
  const aliceNext = await alice.ok(["next", "--agent", "claude", ...mission, "--json"]);
  expect(aliceNext.wp_id).not.toBe("WP02");
  const taken = await alice.sk([
    "agent",
    "action",
    "implement",
    "WP02",
    "--agent",
    "claude",
    ...mission,
    "--json",
  ]);
  expect(JSON.parse(taken.stdout)).toMatchObject({ error_code: "WP_HELD" });
  expect(JSON.parse(taken.stdout).error).toContain("carol@example.com");
  expect((await alice.sk(["agent", "status", "validate", ...mission, "--json"])).code).toBe(0);
  RAN.push(...team.ran);
}, 180_000);

test("missions created in two clones with the same number: board and doctor name it; renumber fixes it; folders survive a clone", async () => {
  const team = await teamProject(["alice", "bob"], seedProject);
  const { alice, bob } = team.clones as Record<"alice" | "bob", Clone>;
  const billing = await alice.ok(["agent", "mission", "create", "billing", "--json"]);
  const search = await bob.ok(["agent", "mission", "create", "search", "--json"]);
  expect([billing.mission_slug, search.mission_slug]).toEqual(["002-billing", "002-search"]);
  alice.commitStatus("mission billing");
  bob.commitStatus("mission search");
  alice.sync("rebase");
  bob.sync("rebase");
  // Empty folders came along (.gitkeep), and both missions are here: the number is shared.
  for (const sub of ["checklists", "research"])
    expect(existsSync(join(bob.dir, "kitty-specs/002-billing", sub))).toBe(true);
  const status = await bob.sk(["agent", "tasks", "status", "--mission", "002-search"]);
  expect(status.stderr).toContain("spec-kitty mission renumber --mission 002-search");
  const doctor = await bob.sk(["doctor", "--json"]);
  const finding = (JSON.parse(doctor.stdout).findings as { check: string; fix: string }[]).find(
    (f) => f.check === "mission_numbers",
  );
  expect(finding?.fix).toBe("spec-kitty mission renumber --mission 002-search");
  const id = search.mission_id;
  const renumbered = await bob.ok(["mission", "renumber", "--mission", "002-search", "--json"]);
  expect(renumbered).toMatchObject({ from: "002-search", to: "003-search", mission_id: id });
  const meta = JSON.parse(readFileSync(join(bob.dir, "kitty-specs/003-search/meta.json"), "utf8"));
  expect([meta.mission_id, meta.mission_number, meta.mission_slug]).toEqual([id, "003", "003-search"]);
  bob.git("add", "-A", "kitty-specs");
  bob.git("commit", "-m", "renumber search");
  bob.sync("rebase");
  alice.pull("merge");
  const after = JSON.parse((await alice.sk(["doctor", "--json"])).stdout);
  expect((after.findings as { check: string }[]).map((f) => f.check)).not.toContain("mission_numbers");
  // A clone that fetched knows the numbers teammates took: the next mission is 004, not 003.
  bob.git("commit", "--allow-empty", "-m", "later");
  const reports = await alice.ok(["agent", "mission", "create", "reports", "--json"]);
  expect(reports.mission_slug).toBe("004-reports");
  RAN.push(...team.ran);
}, 180_000);

test("every command of the README's 'Working as a team' section was run by the teams above", () => {
  const missing = readmeCommands().filter((pattern) => !RAN.some((line) => pattern.test(line)));
  expect(missing.map((m) => m.source)).toEqual([]);
  expect(readmeCommands().length).toBeGreaterThan(15);
});
