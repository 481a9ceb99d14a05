/**
 * The containment rule over the code that came after it: the changeset (agent config, upgrade,
 * charter, research), compat's readers (meta.json, coordination worktrees, the mission view), the
 * dashboard export, the session hooks' Op logs, and the orchestrator-api's error codes. Tests marked
 * "failed before" reproduce what the hostile corpus found.
 */
import { describe, expect, test } from "bun:test";
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { exportDashboard } from "../../src/core/dashboard/export.ts";
import { Journal } from "../../src/core/dispatch/journal.ts";
import { SpecKittyError } from "../../src/core/errors.ts";
import { applyChanges, prepareChanges } from "../../src/core/fs/changeset.ts";
import { listMissions, resolveMission } from "../../src/core/mission/resolve.ts";
import { readMissionView } from "../../src/core/mission-view/read.ts";
import { toOaFailure } from "../../src/core/orchestrator/error-codes.ts";
import { openOps, sessionOrientation, sessionReminder } from "../../src/core/views/session.ts";
import { copyFixture, snapshotTree, tempDir } from "../support/fs.ts";

const SLUG = "001-report-tool";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? "no code";
  }
  return "no error";
}

describe("the changeset checks every destination before the first write", () => {
  test("a hard-linked file is refused by its project-relative name, before any backup (failed before: absolute path, after the backup)", () => {
    const root = tempDir();
    const outside = join(tempDir(), "plan.md");
    writeFileSync(outside, "shared\n");
    mkdirSync(join(root, ".claude/commands"), { recursive: true });
    linkSync(outside, join(root, ".claude/commands/spec-kitty.plan.md"));
    const changes = [
      { path: "README.md", content: "new\n" },
      { path: ".claude/commands/spec-kitty.plan.md", content: "ours\n", backup: true },
    ];
    const backupDir = ".kittify/backups/20260101T000000Z";
    expect(() => prepareChanges(root, changes, { backupDir })).toThrow(
      /^\.claude\/commands\/spec-kitty\.plan\.md has 2 hard links/,
    );
    expect(existsSync(join(root, "README.md"))).toBe(false);
    expect(existsSync(join(root, ".kittify"))).toBe(false);
    expect(readFileSync(outside, "utf8")).toBe("shared\n");
  });

  test("a symlinked backup folder is refused before anything is written", () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, ".kittify"));
    symlinkSync(outside, join(root, ".kittify/backups"));
    writeFileSync(join(root, "charter.md"), "edited\n");
    expect(() =>
      applyChanges(root, [{ path: "charter.md", content: "generated\n", backup: true }], {
        backupDir: ".kittify/backups/20260101T000000Z",
      }),
    ).toThrow(/'\.kittify\/backups\/20260101T000000Z\/charter\.md' leads through a symlink/);
    expect(readFileSync(join(root, "charter.md"), "utf8")).toBe("edited\n");
    expect(readdirSync(outside)).toEqual([]);
  });

  test("deleting a hard-linked file is fine (the other name keeps its bytes)", () => {
    const root = tempDir();
    const outside = join(tempDir(), "x.md");
    writeFileSync(outside, "shared\n");
    linkSync(outside, join(root, "x.md"));
    applyChanges(root, [{ path: "x.md", content: null }]);
    expect(existsSync(join(root, "x.md"))).toBe(false);
    expect(readFileSync(outside, "utf8")).toBe("shared\n");
  });
});

describe("compat's readers never read through a link out of the project", () => {
  test("a meta.json linked in from outside is the mission's problem, never read (failed before: its mission_id was used)", () => {
    const root = copyFixture("mission-tasks");
    const outside = join(tempDir(), "meta.json");
    writeFileSync(
      outside,
      JSON.stringify({ mission_id: "01OUTSIDE0000000000000000A", mission_slug: "evil" }),
    );
    const meta = join(root, "kitty-specs", SLUG, "meta.json");
    rmSync(meta);
    symlinkSync(outside, meta);
    const [ref] = listMissions(root);
    expect(ref?.problem?.code).toBe("PATH_ESCAPE");
    expect(ref?.missionId).toBeNull();
    expect(() => resolveMission(root, SLUG)).toThrow(/meta\.json' leads through a symlink/);
  });

  test("a coordination worktree leading outside is the mission's problem (failed before: status was read there)", () => {
    const root = copyFixture("mission-tasks");
    const metaPath = join(root, "kitty-specs", SLUG, "meta.json");
    const meta = JSON.parse(readFileSync(metaPath, "utf8")) as { mission_id: string };
    writeFileSync(metaPath, JSON.stringify({ ...meta, topology: "coord" }));
    const name = `${SLUG}-${meta.mission_id.slice(0, 8)}`;
    const outside = tempDir();
    mkdirSync(join(outside, "kitty-specs", name), { recursive: true });
    writeFileSync(join(outside, "kitty-specs", name, "status.events.jsonl"), "");
    mkdirSync(join(root, ".worktrees"));
    symlinkSync(outside, join(root, ".worktrees", `${name}-coord`));
    const [ref] = listMissions(root);
    expect(ref?.problem?.code).toBe("PATH_ESCAPE");
    expect(ref?.problem?.message).toContain(`.worktrees/${name}-coord`);
  });

  test("the mission view checks the mission's places first (failed before: a linked WP file was read)", () => {
    const root = copyFixture("mission-tasks");
    const wp = join(root, "kitty-specs", SLUG, "tasks", "WP01-csv-parser.md");
    const outside = join(tempDir(), "WP01.md");
    writeFileSync(outside, readFileSync(wp));
    rmSync(wp);
    symlinkSync(outside, wp);
    const mission = resolveMission(root, SLUG);
    expect(() => readMissionView(mission)).toThrow(/WP01-csv-parser\.md' leads through a symlink/);
  });
});

describe("dashboard --export", () => {
  const project = () => copyFixture("mission-tasks");

  test("outside the project is the documented opt-in: an earlier export there is replaced", () => {
    const root = project();
    const site = join(tempDir(), "site");
    exportDashboard(root, site, {});
    const again = exportDashboard(root, site, {});
    expect(again.dir).toBe(site);
    expect(readdirSync(site).sort()).toEqual([...again.files].sort());
  });

  test("a folder of the project that links outside is refused (failed before: written through)", () => {
    const root = project();
    const outside = tempDir();
    symlinkSync(outside, join(root, "site"));
    expect(codeOf(() => exportDashboard(root, join(root, "site"), {}))).toBe("PATH_ESCAPE");
    expect(readdirSync(outside)).toEqual([]);
  });

  test("an earlier export holding a link or a hard link: refused before the first file (failed before: index.html replaced)", () => {
    const root = project();
    const site = join(tempDir(), "site");
    exportDashboard(root, site, {});
    const victim = join(tempDir(), "victim");
    writeFileSync(victim, "keep\n");
    rmSync(join(site, "data.js"));
    linkSync(victim, join(site, "data.js"));
    writeFileSync(join(site, "index.html"), "earlier\n");
    const before = snapshotTree(site);
    expect(() => exportDashboard(root, site, {})).toThrow(/data\.js has 2 hard links/);
    expect(snapshotTree(site)).toEqual(before);
    rmSync(join(site, "data.js"));
    symlinkSync(victim, join(site, "data.js"));
    expect(() => exportDashboard(root, site, {})).toThrow(/data\.js is a symlink/);
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
  });

  test("an outside target that is itself a symlink is refused", () => {
    const root = project();
    const real = tempDir();
    const link = join(tempDir(), "site");
    symlinkSync(real, link);
    expect(codeOf(() => exportDashboard(root, link, {}))).toBe("DASHBOARD_EXPORT_TARGET");
    expect(readdirSync(real)).toEqual([]);
  });
});

describe("session hooks", () => {
  test("kitty-ops linked outside: no Op from outside is listed, the hook says why (failed before: listed)", () => {
    const root = copyFixture("mission-tasks");
    const outside = tempDir();
    writeFileSync(join(outside, "OUTSIDE.jsonl"), '{"event":"started"}\n');
    symlinkSync(outside, join(root, "kitty-ops"));
    expect(codeOf(() => openOps(root))).toBe("PATH_ESCAPE");
    expect(codeOf(() => sessionReminder(root))).toBe("PATH_ESCAPE"); // session-stop then prints nothing
    const lines = sessionOrientation(root, "0.0.0").join("\n");
    expect(lines).toContain("'kitty-ops' leads through a symlink");
    expect(lines).not.toContain("OUTSIDE");
  });

  test("a FIFO or folder among the Op logs is skipped, never read (failed before: the hook hung)", () => {
    const root = copyFixture("mission-tasks");
    mkdirSync(join(root, "kitty-ops"));
    Bun.spawnSync(["mkfifo", join(root, "kitty-ops", "stuck.jsonl")]);
    mkdirSync(join(root, "kitty-ops", "dir.jsonl"));
    writeFileSync(join(root, "kitty-ops", "OPEN.jsonl"), '{"event":"started","profile_id":"p"}\n');
    expect(openOps(root).map((op) => op.id)).toEqual(["OPEN"]);
  });
});

test("orchestrator-api: an unsafe project path is its own envelope code (failed before: INTERNAL_ERROR)", () => {
  for (const code of ["PATH_ESCAPE", "HARDLINKED_FILE", "NOT_A_FILE"]) {
    const failure = toOaFailure(
      new SpecKittyError(code, "'x' leads through a symlink", { details: { path: "/p/x" } }),
    );
    expect(failure).toEqual({
      code: "UNSAFE_PROJECT_PATH",
      data: { path: "/p/x", message: "'x' leads through a symlink" },
      exitCode: 1,
    });
  }
});

test("dispatch journal: a run id that is not one path segment is refused (failed before: it named a log path)", () => {
  const root = copyFixture("mission-tasks");
  const journal = new Journal(root, SLUG);
  mkdirSync(journal.dir, { recursive: true });
  const line = { run_id: "../../../x", event: "starting", at: "t", wp_id: "WP01", role: "implement" };
  writeFileSync(journal.runsPath, `${JSON.stringify({ ...line, agent: "claude", attempt: 1 })}\n`);
  expect(() => journal.readLines()).toThrow(/runs\.jsonl line 1/);
});
