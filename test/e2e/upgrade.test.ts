/**
 * `spec-kitty upgrade` end to end (the compiled binary) on projects laid out like real 3.0, 3.1 and 3.2
 * ones (the era fixtures plus the agent files those versions kept in the project), and on projects
 * this edition set up. Every case runs upgrade twice: the second run must change nothing.
 */
import { describe, expect, test } from "bun:test";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { copyFixture, FIXTURES, snapshotTree, tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";
import { runBin } from "../support/run.ts";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** An era fixture with its agent-files overlay copied on top. */
function eraProject(era: "3.0" | "3.1"): string {
  const dir = copyFixture(`era-${era}`);
  cpSync(join(FIXTURES, `upgrade-${era}`), dir, { recursive: true });
  return dir;
}

const upgrade = (cwd: string, ...args: string[]) => runBin(["upgrade", ...args], { cwd });

async function upgradeJson(cwd: string, ...args: string[]): Promise<Record<string, unknown>> {
  const r = await upgrade(cwd, "--json", ...args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const json = (dir: string, path: string) => JSON.parse(read(dir, path)) as Record<string, unknown>;
const backups = (dir: string) => {
  const root = join(dir, ".kittify/backups");
  return existsSync(root)
    ? Object.keys(snapshotTree(root))
        .map((p) => p.replace(/^[^/]+\//, ""))
        .sort()
    : [];
};

/** Runs upgrade again and checks the project did not change by a byte. */
async function expectSecondRunNoOp(dir: string): Promise<void> {
  const before = snapshotTree(dir, { skipGit: true });
  const again = await upgradeJson(dir);
  expect(again.result).toBe("up_to_date");
  expect(again.migrations_applied).toEqual([]);
  expect(snapshotTree(dir, { skipGit: true })).toEqual(before);
}

describe("upgrade: a 3.0 project", () => {
  test("--dry-run lists every change and writes nothing", async () => {
    const dir = eraProject("3.0");
    const before = snapshotTree(dir);
    const plan = await upgradeJson(dir, "--dry-run");
    expect(plan.result).toBe("dry_run");
    const pending = (plan.migrations as { id: string; status: string }[]).filter(
      (m) => m.status === "pending",
    );
    expect(pending.map((m) => m.id)).toEqual([
      "feature_slug_to_mission_slug",
      "mint_mission_ids",
      "lane_state_to_event_log",
      "constitution_to_charter",
      "codex_prompts_to_skills",
      "retire_stale_command_files",
      "refresh_owned_files",
    ]);
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("migrates every 3.0 layout, records it, and a second run changes nothing", async () => {
    const dir = eraProject("3.0");
    initRepo(dir);
    const head = git(dir, "rev-parse", "HEAD");
    const out = await upgradeJson(dir);
    expect(out.result).toBe("upgraded");
    expect(out.auto_committed).toBe(false);
    // Never commits: HEAD is where it was, nothing staged.
    expect(git(dir, "rev-parse", "HEAD")).toBe(head);
    expect(git(dir, "diff", "--cached", "--name-only")).toBe("");

    // feature_* → mission_*, and a mission_id for each mission
    const ids: string[] = [];
    for (const slug of ["001-csv-import", "002-weather-alerts", "003-offline-cache"]) {
      const meta = json(dir, `kitty-specs/${slug}/meta.json`);
      expect(meta.feature_slug).toBeUndefined();
      expect(meta.feature_number).toBeUndefined();
      expect(String(meta.mission_id)).toMatch(ULID);
      ids.push(String(meta.mission_id));
    }
    expect(json(dir, "kitty-specs/001-csv-import/meta.json").mission_number).toBe("001");

    // lane folders flattened, their lanes now in the event log (the folder won over frontmatter)
    expect(readdirSync(join(dir, "kitty-specs/001-csv-import/tasks")).sort()).toEqual([
      "WP01-read-file.md",
      "WP02-parse-rows.md",
      "WP03-validate-header.md",
      "WP04-summary-report.md",
    ]);
    expect(read(dir, "kitty-specs/001-csv-import/tasks/WP02-parse-rows.md")).not.toMatch(/^lane:/m);
    const board = await runBin(["agent", "tasks", "status", "--mission", "001-csv-import", "--json"], {
      cwd: dir,
    });
    const lanes = Object.fromEntries(
      (JSON.parse(board.stdout).work_packages as { id: string; lane: string }[]).map((w) => [w.id, w.lane]),
    );
    expect(lanes).toEqual({ WP01: "done", WP02: "in_progress", WP03: "for_review", WP04: "planned" });
    // 003 already had a log: no events added, the stale frontmatter lane dropped
    const log003 = read(dir, "kitty-specs/003-offline-cache/status.events.jsonl");
    expect(log003).toBe(
      readFileSync(join(FIXTURES, "era-3.0/kitty-specs/003-offline-cache/status.events.jsonl"), "utf8"),
    );
    expect(read(dir, "kitty-specs/003-offline-cache/tasks/WP02-eviction.md")).not.toMatch(/^lane:/m);

    // constitution → charter, reworded
    expect(existsSync(join(dir, ".kittify/memory/constitution.md"))).toBe(false);
    const charter = read(dir, ".kittify/charter/charter.md");
    expect(charter).toContain("# Field Notes Charter");
    expect(charter).toContain("The Charter wins over convenience");

    // Codex prompts retired (backed up); the user's own prompt and Codex's config untouched
    expect(readdirSync(join(dir, ".codex/prompts"))).toEqual(["my-notes.md"]);
    expect(read(dir, ".codex/config.toml")).toBe('model = "gpt-5-codex"\n');
    expect(read(dir, ".agents/skills/spec-kitty.implement/SKILL.md")).toContain("--agent codex");

    // stale Claude commands: the generated plan.md replaced, retired clarify.md removed; both backed up
    expect(read(dir, ".claude/commands/spec-kitty.plan.md")).not.toContain("3.0-era");
    expect(existsSync(join(dir, ".claude/commands/spec-kitty.clarify.md"))).toBe(false);
    expect(backups(dir)).toEqual([
      ".claude/commands/spec-kitty.clarify.md",
      ".claude/commands/spec-kitty.implement.md",
      ".claude/commands/spec-kitty.plan.md",
      ".claude/commands/spec-kitty.specify.md",
      ".codex/prompts/spec-kitty.implement.md",
      ".codex/prompts/spec-kitty.plan.md",
    ]);

    // metadata: version raised, migrations recorded, keys upgrade does not own kept, timestamps quoted
    const metaText = read(dir, ".kittify/metadata.yaml");
    const metadata = parseYaml(metaText) as {
      spec_kitty: { version: string; initialized_at: string };
      environment: Record<string, string>;
      migrations: { applied: { id: string; result: string }[] };
    };
    expect(metadata.spec_kitty.version).not.toBe("3.0.3");
    expect(metadata.spec_kitty.initialized_at).toBe("2026-04-01T08:14:09.551902");
    expect(metadata.environment.python_version).toBe("3.12.3");
    expect(metadata.migrations.applied.map((m) => m.id)).toContain("lane_state_to_event_log");
    expect(metaText).toMatch(/applied_at: '\d{4}-/);
    expect(metaText.startsWith("# spec-kitty project metadata (generated file)\n")).toBe(true);

    await expectSecondRunNoOp(dir);
    for (const [i, slug] of ["001-csv-import", "002-weather-alerts", "003-offline-cache"].entries())
      expect(json(dir, `kitty-specs/${slug}/meta.json`).mission_id).toBe(ids[i] as string);
  });
});

describe("upgrade: a 3.1 project", () => {
  test("replaces generated commands, keeps a clashing constitution, mints missing ids; second run no-op", async () => {
    const dir = eraProject("3.1");
    const out = await upgradeJson(dir);
    expect(out.result).toBe("upgraded");
    expect(read(dir, ".opencode/command/spec-kitty.plan.md")).toContain("setup-plan");
    // the 3.1 dashboard command file is replaced by this edition's (a command we ship too)
    expect(read(dir, ".opencode/command/spec-kitty.dashboard.md")).toContain("spec-kitty dashboard --json");
    expect(existsSync(join(dir, ".claude/commands/spec-kitty.next.md"))).toBe(true);
    // the constitution draft clashes with the charter: both kept, reported for review
    expect(read(dir, ".kittify/charter/charter.md")).toContain("Tide Tables Charter");
    expect(existsSync(join(dir, ".kittify/constitution/constitution.md"))).toBe(true);
    expect(out.manual_review_paths).toContain(".kittify/constitution/constitution.md");
    expect(read(dir, ".kittify/charter/interview/answers.yaml")).toContain("project_intent: Tide forecasts");
    expect(String(json(dir, "kitty-specs/005-mooring-log/meta.json").mission_id)).toMatch(ULID);
    // 004 already had an id: unchanged
    expect(json(dir, "kitty-specs/004-harbour-forecast/meta.json").mission_id).toBe(
      JSON.parse(readFileSync(join(FIXTURES, "era-3.1/kitty-specs/004-harbour-forecast/meta.json"), "utf8"))
        .mission_id,
    );
    await expectSecondRunNoOp(dir);
  });
});

describe("upgrade: a 3.2 project", () => {
  test("replaces unedited upstream skills, keeps the edited one, keeps schema_version; second run no-op", async () => {
    const dir = copyFixture("upgrade-3.2");
    const edited = read(dir, ".agents/skills/spec-kitty.specify/SKILL.md");
    const settings = read(dir, ".claude/settings.json");
    const out = await upgradeJson(dir);
    expect(out.result).toBe("upgraded");
    // upstream's unedited skill replaced (backed up), the retired one removed (backed up)
    expect(read(dir, ".agents/skills/spec-kitty.plan/SKILL.md")).toContain(
      "spec-kitty agent mission setup-plan",
    );
    expect(existsSync(join(dir, ".agents/skills/spec-kitty.tasks-outline"))).toBe(false);
    expect(backups(dir)).toEqual([
      ".agents/skills/spec-kitty.plan/SKILL.md",
      ".agents/skills/spec-kitty.tasks-outline/SKILL.md",
    ]);
    // the user-edited skill survives byte for byte, and is reported
    expect(read(dir, ".agents/skills/spec-kitty.specify/SKILL.md")).toBe(edited);
    expect(out.manual_review_paths).toContain(".agents/skills/spec-kitty.specify/SKILL.md");
    expect(read(dir, ".claude/settings.json")).toBe(settings);
    // identity and stale lanes
    expect(String(json(dir, "kitty-specs/007-courier-api/meta.json").mission_id)).toMatch(ULID);
    expect(read(dir, "kitty-specs/007-courier-api/tasks/WP01-http-client.md")).not.toMatch(/^lane:/m);
    const metadata = parseYaml(read(dir, ".kittify/metadata.yaml")) as {
      spec_kitty: Record<string, unknown>;
    };
    expect(metadata.spec_kitty.schema_version).toBe(3);
    expect(metadata.spec_kitty.version).toBe("3.2.5"); // never lowered
    expect(read(dir, ".kittify/command-skills-manifest.json")).toBe(
      readFileSync(join(FIXTURES, "upgrade-3.2/.kittify/command-skills-manifest.json"), "utf8"),
    );
    await expectSecondRunNoOp(dir);
  });
});

/** A project this edition set up, made to look as if an older binary wrote its owned files. */
async function olderOwnProject(): Promise<string> {
  const root = tempDir();
  expect((await runBin(["init", "p", "--ai", "claude", "--non-interactive"], { cwd: root })).code).toBe(0);
  const dir = join(root, "p");
  const manifestPath = join(dir, ".kittify/owned-files.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    spec_kitty_version: string;
    files: { path: string; sha256: string; base: string }[];
  };
  // The "older template" differs from today's in one line; the manifest records it as what was written.
  const older = (text: string) => text.replace(/^# (.*)$/m, "# $1 (older wording)");
  for (const entry of manifest.files) {
    if (!entry.path.startsWith(".claude/commands/")) continue;
    entry.base = older(entry.base);
    entry.sha256 = new Bun.CryptoHasher("sha256").update(entry.base).digest("hex");
    writeFileSync(join(dir, entry.path), entry.base);
  }
  manifest.spec_kitty_version = "0.0.1";
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

describe("upgrade: a project this edition set up", () => {
  test("a user-edited command keeps the user's edit and gets this version's change; a second run is a no-op", async () => {
    const dir = await olderOwnProject();
    const plan = join(dir, ".claude/commands/spec-kitty.plan.md");
    writeFileSync(plan, `${readFileSync(plan, "utf8")}\nMy team's extra rule: plans name an owner.\n`);
    const out = await upgradeJson(dir);
    expect(out.result).toBe("upgraded");
    const merged = readFileSync(plan, "utf8");
    expect(merged).toContain("My team's extra rule: plans name an owner.");
    expect(merged).not.toContain("(older wording)");
    // unedited outdated files are simply updated
    expect(read(dir, ".claude/commands/spec-kitty.next.md")).not.toContain("(older wording)");
    expect(backups(dir)).toEqual([]);
    const status = await runBin(["agent", "config", "status", "--json"], { cwd: dir });
    const claude = (
      JSON.parse(status.stdout).agents as { key: string; files: { path: string; state: string }[] }[]
    )[0];
    expect(claude?.files.filter((f) => f.state !== "current")).toEqual([
      { path: ".claude/commands/spec-kitty.plan.md", state: "edited" },
    ]);
    await expectSecondRunNoOp(dir);
  });

  test("an edit that conflicts with this version's change is kept as is and reported, not written", async () => {
    const dir = await olderOwnProject();
    const next = join(dir, ".claude/commands/spec-kitty.next.md");
    const mine = readFileSync(next, "utf8").replace(/^# (.*)$/m, "# Our own loop title");
    writeFileSync(next, mine);
    const out = await upgradeJson(dir);
    expect(readFileSync(next, "utf8")).toBe(mine);
    expect(out.manual_review_paths).toEqual([".claude/commands/spec-kitty.next.md"]);
    await expectSecondRunNoOp(dir);
  });
});

describe("upgrade: what it must leave alone", () => {
  // Regression: the lane migration used to bootstrap events for every WP of a mission with an empty
  // log, which skipped finalize-tasks for 3.x missions whose WPs were written but not finalized yet.
  test("a 3.x mission whose WPs are not finalized yet gets no events (finalize-tasks does that)", async () => {
    const dir = copyFixture("mission-tasks");
    await upgradeJson(dir);
    expect(read(dir, "kitty-specs/001-report-tool/status.events.jsonl")).toBe("");
    await expectSecondRunNoOp(dir);
  });
});

describe("upgrade: refusals and bad input", () => {
  test("a project newer than the binary is refused and left as it was", async () => {
    for (const [file, edit] of [
      [".kittify/metadata.yaml", (t: string) => t.replace("version: 3.2.5", "version: 3.3.0")],
      [".kittify/metadata.yaml", (t: string) => t.replace("schema_version: 3", "schema_version: 4")],
    ] as const) {
      const dir = copyFixture("upgrade-3.2");
      writeFileSync(join(dir, file), edit(read(dir, file)));
      const before = snapshotTree(dir);
      const r = await upgrade(dir, "--json");
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).error_code).toBe("PROJECT_TOO_NEW");
      expect(snapshotTree(dir)).toEqual(before);
    }
    const own = await olderOwnProject();
    const manifestPath = join(own, ".kittify/owned-files.json");
    writeFileSync(manifestPath, read(own, ".kittify/owned-files.json").replace('"0.0.1"', '"99.0.0"'));
    const r = await upgrade(own);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("newer than this binary");
    expect(r.stderr).toContain("never downgrades");
  });

  test("a manifest edited by hand into invalid form: an error naming the file, nothing written", async () => {
    const dir = await olderOwnProject();
    const manifestPath = join(dir, ".kittify/owned-files.json");
    for (const broken of [
      "{ not json",
      JSON.stringify({ schema_version: 1, spec_kitty_version: "1", files: [{ path: "x" }] }),
      read(dir, ".kittify/owned-files.json").replace(/"sha256": "[0-9a-f]{4}/, '"sha256": "0000'),
      JSON.stringify({
        schema_version: 1,
        spec_kitty_version: "1",
        files: [{ path: "src/main.ts", sha256: "a".repeat(64), agents: [], base: "" }],
      }),
    ]) {
      writeFileSync(manifestPath, broken);
      const before = snapshotTree(dir);
      for (const args of [["upgrade"], ["agent", "config", "sync"], ["agent", "config", "status"]]) {
        const r = await runBin(args, { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(".kittify/owned-files.json");
      }
      expect(snapshotTree(dir)).toEqual(before);
    }
  });

  test("outside a project: exit 1 with how to set one up", async () => {
    const r = await upgrade(tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("spec-kitty init");
  });

  test("a project without metadata.yaml gets one recording the upgrade", async () => {
    const dir = await olderOwnProject();
    rmSync(join(dir, ".kittify/metadata.yaml"));
    expect((await upgradeJson(dir)).result).toBe("upgraded");
    const metadata = parseYaml(read(dir, ".kittify/metadata.yaml")) as { migrations: { applied: unknown[] } };
    expect(metadata.migrations.applied).toHaveLength(1);
    await expectSecondRunNoOp(dir);
  });
});
