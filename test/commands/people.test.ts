/**
 * Who did it (in process, real git): the actor a move records without --agent, the verdict on a WP in
 * review given only by the reviewer who took it, and the person an acceptance names. Each of these
 * failed before: `user` was recorded, anyone could approve anyone's review, `accepted_by` was $USER.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLog } from "../../src/core/status/event.ts";
import { approveFixtureWps, commitFixtureWork, FIXTURE_SLUG } from "../support/approve.ts";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const M = ["--mission", FIXTURE_SLUG];
const as = (email: string) => ({ ...gitEnv(), GIT_AUTHOR_EMAIL: email });
const events = (root: string) => {
  const path = join(root, "kitty-specs", FIXTURE_SLUG, "status.events.jsonl");
  return parseEventLog(readFileSync(path, "utf8"), path);
};

async function finalized(available = "[claude, codex]"): Promise<string> {
  const root = copyFixture("mission-tasks");
  writeFileSync(join(root, ".kittify", "config.yaml"), `agents:\n  available: ${available}\n`);
  initRepo(root);
  const fin = await runInProcess(["agent", "mission", "finalize-tasks", ...M, "--json"], {
    cwd: root,
    env: gitEnv(),
  });
  expect(fin.code).toBe(0);
  return root;
}

const move = (root: string, email: string, ...args: string[]) =>
  runInProcess(["agent", "tasks", "move-task", ...args, ...M, "--json"], { cwd: root, env: as(email) });

describe("people", () => {
  test("move-task without --agent records the project's only agent tool, else your git e-mail; and the person", async () => {
    const two = await finalized();
    expect((await move(two, "bob@example.com", "WP01", "--to", "claimed")).code).toBe(0);
    expect(events(two).at(-1)).toMatchObject({
      actor: "bob@example.com",
      policy_metadata: { person: "bob@example.com" },
    });
    const one = await finalized("[claude]");
    expect((await move(one, "bob@example.com", "WP01", "--to", "claimed")).code).toBe(0);
    expect(events(one).at(-1)).toMatchObject({
      actor: "claude",
      policy_metadata: { person: "bob@example.com" },
    });
  });

  test("only the reviewer who took the review gives the verdict; --force takes it over", async () => {
    const root = await finalized();
    commitFixtureWork(root); // a WP hands over to review only with work of its own
    await approveFixtureWps((cwd, args) => runInProcess(args, { cwd, env: as("bob@example.com") }), root, {
      wps: [],
      agent: "claude",
    });
    expect((await move(root, "bob@example.com", "WP02", "--to", "for_review", "--agent", "bob")).code).toBe(
      0,
    );
    const review = await runInProcess(
      ["agent", "action", "review", "WP02", "--agent", "claude", ...M, "--json"],
      {
        cwd: root,
        env: as("alice@example.com"),
      },
    );
    expect(review.code).toBe(0);
    // Carol, also running claude: not her review.
    const carol = await move(root, "carol@example.com", "WP02", "--to", "approved", "--agent", "claude");
    expect(carol.code).toBe(1);
    expect(JSON.parse(carol.stdout)).toMatchObject({ error_code: "NOT_THE_REVIEWER" });
    expect(JSON.parse(carol.stdout).error).toContain("claude (alice@example.com)");
    const unnamed = await move(root, "carol@example.com", "WP02", "--to", "approved");
    expect(JSON.parse(unnamed.stdout).error_code).toBe("NOT_THE_REVIEWER");
    // Alice herself, named or not, may.
    const alice = await move(root, "alice@example.com", "WP02", "--to", "approved");
    expect(alice.code).toBe(0);
    // A forced takeover is recorded as one.
    expect((await move(root, "bob@example.com", "WP01", "--to", "for_review", "--agent", "bob")).code).toBe(
      0,
    );
    await runInProcess(["agent", "action", "review", "WP01", "--agent", "claude", ...M], {
      cwd: root,
      env: as("alice@example.com"),
    });
    const forced = await move(
      root,
      "carol@example.com",
      "WP01",
      "--to",
      "approved",
      "--agent",
      "claude",
      "--force",
      "--reason",
      "alice is away",
    );
    expect(forced.code).toBe(0);
    expect(events(root).at(-1)).toMatchObject({
      force: true,
      actor: "claude",
      policy_metadata: { person: "carol@example.com" },
    });
  });

  for (const available of ["[claude, codex]", "[claude]"])
    test(`accept records the git identity when --actor is omitted (agents ${available}; with one agent tool it once recorded the tool)`, async () => {
      const root = await finalized(available);
      commitFixtureWork(root);
      await approveFixtureWps((cwd, args) => runInProcess(args, { cwd, env: gitEnv() }), root, {
        agent: "claude",
      });
      git(root, "add", "-A");
      git(root, "commit", "-q", "--allow-empty", "-m", "ready");
      const out = await runInProcess(["accept", ...M, "--json"], {
        cwd: root,
        env: { ...as("dana@example.com"), USER: "root" },
      });
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout).accepted_by).toBe("dana@example.com");
    });

  // Failed before: the move was recorded as `user` (a name spec-kitty reserves), the acceptance as
  // $USER (`root`), and an unsafe --actor went into meta.json.
  test("with no agent tool to default to and no git identity, the actor must be named", async () => {
    const root = await finalized();
    const anonymous = { ...gitEnv(), GIT_AUTHOR_EMAIL: undefined, USER: "root" };
    const moved = await runInProcess(
      ["agent", "tasks", "move-task", "WP01", "--to", "claimed", ...M, "--json"],
      {
        cwd: root,
        env: anonymous,
      },
    );
    expect(moved.code).toBe(2);
    expect(JSON.parse(moved.stdout)).toMatchObject({ error_code: "AGENT_REQUIRED" });
    commitFixtureWork(root);
    await approveFixtureWps((cwd, args) => runInProcess(args, { cwd, env: gitEnv() }), root, {
      agent: "claude",
    });
    git(root, "add", "-A");
    git(root, "commit", "-q", "--allow-empty", "-m", "ready");
    const meta = join(root, "kitty-specs", FIXTURE_SLUG, "meta.json");
    const before = readFileSync(meta, "utf8");
    const accept = (env: Record<string, string | undefined>, ...args: string[]) =>
      runInProcess(["accept", ...M, ...args, "--json"], { cwd: root, env });
    const unsafe = await accept(gitEnv(), "--actor", "../x");
    expect(unsafe.code).toBe(2);
    expect(JSON.parse(unsafe.stdout)).toMatchObject({ error_code: "INVALID_ACTOR" });
    const nobody = await accept(anonymous);
    expect(nobody.code).toBe(2);
    expect(JSON.parse(nobody.stdout)).toMatchObject({ error_code: "AGENT_REQUIRED" });
    expect(JSON.parse(nobody.stdout).error).toContain("--actor");
    expect(readFileSync(meta, "utf8")).toBe(before);
    const named = await accept(anonymous, "--actor", "dana");
    expect(JSON.parse(named.stdout).accepted_by).toBe("dana");
  });
});
