import { describe, expect, test } from "bun:test";
import { appendFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const SLUG = "001-report-tool";
const finalize = (root: string, ...extra: string[]) =>
  runInProcess(["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json", ...extra], {
    cwd: root,
    env: gitEnv(),
  });
const dirOf = (root: string) => join(root, "kitty-specs", SLUG);
const wpPath = (root: string, file: string) => join(dirOf(root), "tasks", file);

describe("finalize-tasks on the mission-tasks fixture", () => {
  test("writes frontmatter, bootstraps status, writes lanes.json", async () => {
    const root = copyFixture("mission-tasks");
    const result = await finalize(root);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.result).toBe("success");
    expect(out.dependencies_parsed).toEqual({ WP01: [], WP02: [], WP03: ["WP01"], WP04: [] });
    expect(out.lanes.lane_ids).toEqual(["lane-a", "lane-b", "lane-planning"]);
    expect(out.bootstrap).toEqual({ total_wps: 4, newly_seeded: 4, already_initialized: 0 });
    const lanes = JSON.parse(readFileSync(join(dirOf(root), "lanes.json"), "utf8"));
    expect(lanes.mission_id).toBe("01JNQ4Z7K3M8W2T6R9XCVB5E1A");
    expect(lanes.lanes.map((l: { wp_ids: string[] }) => l.wp_ids)).toEqual([
      ["WP01", "WP03"],
      ["WP02"],
      ["WP04"],
    ]);
    const events = readFileSync(join(dirOf(root), "status.events.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(events).toHaveLength(4);
    const wp4 = readFileSync(wpPath(root, "WP04-user-guide.md"), "utf8");
    expect(wp4).toContain("execution_mode: planning_artifact");
    expect(wp4.endsWith("so users can try the tool.\n")).toBe(true);
  });

  test("a second run changes no WP and seeds nothing", async () => {
    const root = copyFixture("mission-tasks");
    await finalize(root);
    const out = JSON.parse((await finalize(root)).stdout);
    expect(out.modified_wps).toEqual([]);
    expect(out.unchanged_wps).toEqual(["WP01", "WP02", "WP03", "WP04"]);
    expect(out.bootstrap).toEqual({ total_wps: 4, newly_seeded: 0, already_initialized: 4 });
  });

  test("--validate-only writes nothing and previews changes", async () => {
    const root = copyFixture("mission-tasks");
    const before = snapshotTree(root);
    const out = JSON.parse((await finalize(root, "--validate-only")).stdout);
    expect(out.result).toBe("validation_passed");
    expect(out.would_modify.map((w: { wp_id: string }) => w.wp_id)).toEqual(["WP01", "WP02", "WP03", "WP04"]);
    expect(out.validation.lanes_preview.lane_ids).toEqual(["lane-a", "lane-b", "lane-planning"]);
    expect(snapshotTree(root)).toEqual(before);
  });

  test("explicit frontmatter dependencies are preserved verbatim", async () => {
    const root = copyFixture("mission-tasks");
    const file = wpPath(root, "WP02-summary-report.md");
    const text = readFileSync(file, "utf8").replace(
      "history: []",
      "history: []\ndependencies: [WP01]  # set by hand",
    );
    writeFileSync(file, text);
    const out = JSON.parse((await finalize(root)).stdout);
    expect(out.preserved_wps).toEqual(["WP02"]);
    expect(out.dependencies_parsed.WP02).toEqual(["WP01"]);
    expect(readFileSync(file, "utf8")).toContain("dependencies: [WP01]  # set by hand\n");
    expect(out.lanes.lane_ids).toEqual(["lane-a", "lane-planning"]);
  });

  test("FR-304: a final WP that is parallel by declaration keeps its own lane", async () => {
    const root = copyFixture("mission-tasks");
    appendFileSync(join(dirOf(root), "tasks.md"), "");
    const tasks = readFileSync(join(dirOf(root), "tasks.md"), "utf8").replace(
      "## Notes",
      "## WP05 Export\n\n**Dependencies**: none\n\n## Notes\n\nWP05 Depends on WP01 later, maybe.",
    );
    writeFileSync(join(dirOf(root), "tasks.md"), tasks);
    writeFileSync(
      wpPath(root, "WP05-export.md"),
      "---\nwork_package_id: WP05\ndependencies: []\n---\n\nWrite `src/export/csv.ts`.\n",
    );
    const out = JSON.parse((await finalize(root)).stdout);
    expect(out.dependencies_parsed.WP05).toEqual([]);
    const lanes = JSON.parse(readFileSync(join(dirOf(root), "lanes.json"), "utf8")).lanes;
    expect(lanes.find((l: { wp_ids: string[] }) => l.wp_ids.includes("WP05")).wp_ids).toEqual(["WP05"]);
  });

  test("auto_commit commits tasks files, lanes.json and status, nothing else", async () => {
    const root = copyFixture("mission-tasks");
    writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  auto_commit: true\n");
    initRepo(root);
    writeFileSync(join(root, "other.txt"), "x\n");
    const out = JSON.parse((await finalize(root)).stdout);
    expect(out.commit_created).toBe(true);
    const files = git(root, "show", "--name-only", "--format=", "HEAD").split("\n");
    expect(files).toContain(`kitty-specs/${SLUG}/lanes.json`);
    expect(files).not.toContain("other.txt");
  });

  test("legacy 3.1 mission (feature_slug, no mission_id, doing events) finalizes", async () => {
    const root = copyFixture("legacy-3.1");
    const result = await runInProcess(["agent", "mission", "finalize-tasks", "--mission", "003", "--json"], {
      cwd: root,
    });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.bootstrap).toEqual({ total_wps: 2, newly_seeded: 0, already_initialized: 2 });
    expect(out.lanes.lane_ids).toEqual(["lane-a"]);
  });
});

/** Each case breaks the fixture one way; finalize must exit 1, name the problem, and change nothing. */
const BAD: [string, (root: string) => void, RegExp][] = [
  [
    "cycle",
    (r) =>
      edit(r, "tasks.md", (t) =>
        t
          .replace("**Dependencies**: none", "Depends on WP03")
          .replace("Depends on WP01\n", "Depends on WP02\n"),
      ),
    /cycle: WP02 → WP03 → WP02/,
  ],
  [
    "self dependency",
    (r) => edit(r, "tasks.md", (t) => t.replace("Depends on WP01\n", "Depends on WP03\n")),
    /WP03 depends on itself/,
  ],
  [
    "unknown id",
    (r) => edit(r, "tasks.md", (t) => t.replace("Depends on WP01\n", "Depends on WP09\n")),
    /WP03 depends on WP09, which does not exist/,
  ],
  [
    "disagreement",
    (r) =>
      edit(r, "tasks/WP03-command-line.md", (t) =>
        t.replace("history: []", "history: []\ndependencies: [WP02]"),
      ),
    /frontmatter dependencies \[WP02\] disagree with tasks\.md \[WP01\]/,
  ],
  [
    "duplicate files",
    (r) => writeFileSync(join(dirOf(r), "tasks", "WP01-again.md"), "---\nwork_package_id: WP01\n---\n"),
    /WP01 has two files/,
  ],
  [
    "duplicate headers",
    (r) => edit(r, "tasks.md", (t) => `${t}\n## WP02 again\n`),
    /declares WP02 more than once/,
  ],
  [
    "id/filename mismatch",
    (r) => edit(r, "tasks/WP02-summary-report.md", (t) => t.replace('"WP02"', '"WP03"')),
    /work_package_id is WP03 but the file name says WP02/,
  ],
  [
    "malformed YAML",
    (r) => edit(r, "tasks/WP02-summary-report.md", (t) => t.replace("history: []", "history: [oops")),
    /WP02-summary-report\.md line \d+: not valid YAML/,
  ],
  [
    "YAML not a mapping",
    (r) => writeFileSync(join(dirOf(r), "tasks", "WP02-summary-report.md"), "---\n- a\n---\nbody\n"),
    /must be a YAML mapping/,
  ],
  [
    "overlapping owned files",
    (r) =>
      edit(r, "tasks/WP02-summary-report.md", (t) =>
        t.replace("history: []", "history: []\nowned_files: [src/parser/**]"),
      ),
    /WP01 and WP02 both own the same files/,
  ],
  [
    "WP1 filename",
    (r) => rename(r, "WP02-summary-report.md", "WP2-summary-report.md"),
    /must start with a WP id/,
  ],
  [
    "WP001 filename",
    (r) => rename(r, "WP02-summary-report.md", "WP002-summary-report.md"),
    /must start with a WP id/,
  ],
  [
    "wp01 filename",
    (r) => rename(r, "WP02-summary-report.md", "wp02-summary-report.md"),
    /must start with a WP id/,
  ],
  [
    "binary tasks.md",
    (r) => writeFileSync(join(dirOf(r), "tasks.md"), Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00, 0x01])),
    /tasks\.md line 1: is not UTF-8 text/,
  ],
  [
    "NUL bytes in a WP file",
    (r) => edit(r, "tasks/WP01-csv-parser.md", (t) => `${t}\0\0`),
    /contains NUL bytes/,
  ],
];

function edit(root: string, rel: string, change: (text: string) => string): void {
  const path = join(dirOf(root), rel);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}
function rename(root: string, from: string, to: string): void {
  renameSync(wpPath(root, from), wpPath(root, to));
}

describe("finalize-tasks rejects bad input and changes nothing", () => {
  for (const [name, breakIt, message] of BAD) {
    test(name, async () => {
      const root = copyFixture("mission-tasks");
      breakIt(root);
      const before = snapshotTree(root);
      const result = await finalize(root);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).error).toMatch(message);
      expect(snapshotTree(root)).toEqual(before);
    });
  }

  test("all problems are reported in one run", async () => {
    const root = copyFixture("mission-tasks");
    BAD[1]?.[1](root);
    BAD[7]?.[1](root);
    const out = JSON.parse((await finalize(root)).stdout);
    expect(out.details.errors).toHaveLength(2);
  });
});

describe("agent tasks finalize-tasks (light variant)", () => {
  test("writes dependencies and status, no ownership fields and no lanes.json", async () => {
    const root = copyFixture("mission-tasks");
    const result = await runInProcess(["agent", "tasks", "finalize-tasks", "--mission", SLUG, "--json"], {
      cwd: root,
    });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.dependencies.WP03).toEqual(["WP01"]);
    expect(out.bootstrap.newly_seeded).toBe(4);
    const wp3 = readFileSync(wpPath(root, "WP03-command-line.md"), "utf8");
    expect(wp3).toContain("dependencies:\n  - WP01\n");
    expect(wp3).not.toContain("execution_mode");
    expect(readdirSync(dirOf(root))).not.toContain("lanes.json");
  });
});
