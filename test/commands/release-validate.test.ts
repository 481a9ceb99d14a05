import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

const PACKAGE = (version: string) =>
  `{\n  "name": "demo",\n  "version": "${version}",\n  "private": true\n}\n`;
const METADATA = (version: string) =>
  `# spec-kitty project metadata\nspec_kitty:\n  version: ${version}\n  initialized_at: "2026-01-01T00:00:00"\nmigrations:\n  applied: []\n`;
const TIED = "agents:\n  available: [codex]\nrelease:\n  version_is_spec_kitty_version: true\n";
const CHANGELOG = (version: string, body = "### Added\n- something real\n") =>
  `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-01-02\n\n${body}\n## [0.9.0] - 2025-12-01\n\n- older\n`;

/** A project where package.json, metadata.yaml (tied) and CHANGELOG.md all say `version`. */
function project(files: Record<string, string | null> = {}, version = "3.1.1-rc.1"): string {
  const root = tempDir("sk-release-");
  const all: Record<string, string | null> = {
    "package.json": PACKAGE(version),
    ".kittify/config.yaml": TIED,
    ".kittify/metadata.yaml": METADATA(version),
    "CHANGELOG.md": CHANGELOG(version),
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    if (text === null) continue;
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function validate(root: string, ...args: string[]) {
  const result = await runInProcess(["agent", "release", "validate", ...args], { cwd: root });
  const json = await runInProcess(["agent", "release", "validate", ...args, "--json"], { cwd: root });
  return { ...result, report: JSON.parse(json.stdout), jsonCode: json.code };
}

describe("agent release validate (branch mode)", () => {
  test("a coherent project passes with exit 0 and reports where each version is", async () => {
    const r = await validate(project());
    expect(r.code).toBe(0);
    expect(r.jsonCode).toBe(0);
    expect(r.stdout).toContain("package.json line 3: 3.1.1-rc.1");
    expect(r.stdout).toContain(".kittify/metadata.yaml line 3: 3.1.1-rc.1");
    expect(r.report).toMatchObject({ ok: true, mode: "branch", version: "3.1.1-rc.1", problems: [] });
    expect(r.report.changelog).toEqual({ file: "CHANGELOG.md", line: 5 });
  });

  test("package.json vs pyproject.toml vs Cargo.toml must agree", async () => {
    const root = project({
      "pyproject.toml": '[build-system]\nrequires = []\n\n[project]\nname = "demo"\nversion = "3.1.1rc1"\n',
      "Cargo.toml": '[package]\nname = "demo"\nversion = "3.1.0"\n\n[dependencies]\n',
    });
    const r = await validate(root);
    expect(r.code).toBe(1);
    expect(r.report.problems.map((p: { code: string }) => p.code)).toEqual(["PROJECT_VERSION_MISMATCH"]);
    expect(r.stderr).toContain(
      "project versions disagree: package.json line 3: 3.1.1-rc.1 vs Cargo.toml line 3: 3.1.0",
    );
    // 3.1.1rc1 (PEP 440) is the same version as 3.1.1-rc.1 (semver): no complaint about pyproject.toml.
    expect(r.stderr).not.toContain("pyproject.toml");
  });

  test("metadata version mismatch names both files, lines and values", async () => {
    const r = await validate(project({ ".kittify/metadata.yaml": METADATA("3.1.1-rc.0") }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "spec-kitty version mismatch: package.json line 3: 3.1.1-rc.1 vs .kittify/metadata.yaml line 3: 3.1.1-rc.0",
    );
    expect(r.report.problems[0].locations).toEqual([
      { file: "package.json", line: 3, value: "3.1.1-rc.1" },
      { file: ".kittify/metadata.yaml", line: 3, value: "3.1.1-rc.0" },
    ]);
  });

  test("missing metadata file when the project version is tied to it", async () => {
    const r = await validate(project({ ".kittify/metadata.yaml": null }));
    expect(r.code).toBe(1);
    expect(r.report.problems[0].code).toBe("METADATA_VERSION_MISSING");
    expect(r.stderr).toContain(".kittify/config.yaml line 4: release.version_is_spec_kitty_version: true");
  });

  test("not tied: metadata may differ, but not be newer than this binary", async () => {
    const untied = { ".kittify/config.yaml": "agents:\n  available: [codex]\n" };
    const older = await validate(
      project({ ...untied, ".kittify/metadata.yaml": METADATA("0.1.0") }, "9.0.0"),
    );
    expect(older.code).toBe(0);
    expect(older.report.spec_kitty).toMatchObject({
      tied_to_project: false,
      metadata: { value: "0.1.0", line: 3 },
    });
    const newer = await validate(project({ ...untied, ".kittify/metadata.yaml": METADATA("99.0.0") }));
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(
      /version skew: \.kittify\/metadata\.yaml line 3: 99\.0\.0 is newer than this spec-kitty \(/,
    );
  });

  test("missing CHANGELOG entry", async () => {
    const r = await validate(project({ "CHANGELOG.md": CHANGELOG("3.1.0") }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "CHANGELOG.md has no '## [3.1.1-rc.1]' entry for package.json line 3: 3.1.1-rc.1",
    );
  });

  test("missing CHANGELOG file", async () => {
    const r = await validate(project({ "CHANGELOG.md": null }));
    expect(r.code).toBe(1);
    expect(r.report.problems[0].code).toBe("CHANGELOG_MISSING");
  });

  test("an entry with only sub-headings is empty", async () => {
    const r = await validate(
      project({ "CHANGELOG.md": CHANGELOG("3.1.1-rc.1", "### Added\n\n### Fixed\n") }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("CHANGELOG.md line 5: ## [3.1.1-rc.1] - 2026-01-02 has an empty body");
  });

  test("a malformed version is named with its file and line", async () => {
    const r = await validate(project({ "package.json": PACKAGE("3.1") }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("package.json line 3: 3.1 is not a valid version");
    const meta = await validate(project({ ".kittify/metadata.yaml": METADATA("3.1.x") }));
    expect(meta.stderr).toContain(".kittify/metadata.yaml line 3: 3.1.x is not a valid version");
    // A bare YAML number is refused by the metadata schema itself, naming the file.
    const number = await runInProcess(["agent", "release", "validate"], {
      cwd: project({ ".kittify/metadata.yaml": METADATA("3.1") }),
    });
    expect(number.code).toBe(1);
    expect(number.stderr).toContain(".kittify/metadata.yaml");
    expect(number.stderr).toContain("spec_kitty.version");
  });

  test("no manifest at all", async () => {
    const r = await validate(project({ "package.json": null }));
    expect(r.code).toBe(1);
    expect(r.report.problems[0].code).toBe("NO_PROJECT_VERSION");
  });

  test("invalid TOML is an error naming the file and line", async () => {
    const r = await validate(project({ "pyproject.toml": '[project]\nversion = "1.0.0\n' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pyproject.toml line 2");
  });

  test("branch mode needs no git (PATH without git, no repository)", async () => {
    const root = project();
    const r = await runInProcess(["agent", "release", "validate"], {
      cwd: root,
      env: { PATH: "/nonexistent" },
    });
    expect(r.code).toBe(0);
  });
});

describe("agent release validate --mode tag", () => {
  function tagged(version: string, tags: string[]): string {
    const root = project({}, version);
    initRepo(root);
    for (const tag of tags) git(root, "tag", tag);
    return root;
  }

  test("tag equal to v<version> and newer than earlier tags passes", async () => {
    const root = tagged("3.1.1-rc.1", ["v3.1.0", "v3.1.1a3", "v3.1.1-rc.1"]);
    const r = await validate(root, "--mode", "tag", "--tag", "v3.1.1-rc.1");
    expect(r.code).toBe(0);
    expect(r.report.tag).toBe("v3.1.1-rc.1");
  });

  test("without --tag, the single v* tag at HEAD is used", async () => {
    const r = await validate(tagged("3.1.1-rc.1", ["v3.1.1-rc.1"]), "--mode", "tag");
    expect(r.code).toBe(0);
    expect(r.report.tag).toBe("v3.1.1-rc.1");
  });

  test("a tag that does not match the version fails, naming both", async () => {
    const r = await validate(tagged("3.1.1-rc.1", []), "--mode", "tag", "--tag", "v3.1.2");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "tag v3.1.2 does not match package.json line 3: 3.1.1-rc.1 (expected v3.1.1-rc.1)",
    );
  });

  test("a tag that is not newer than the latest earlier tag fails", async () => {
    const r = await validate(
      tagged("3.1.1-rc.1", ["v3.1.1", "v3.1.0"]),
      "--mode",
      "tag",
      "--tag",
      "v3.1.1-rc.1",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tag v3.1.1-rc.1 is not newer than the latest earlier tag v3.1.1");
  });

  test("a malformed tag and a missing tag both fail", async () => {
    const root = tagged("3.1.1-rc.1", []);
    expect((await validate(root, "--mode", "tag", "--tag", "3.1.1-rc.1")).report.problems[0].code).toBe(
      "MALFORMED_TAG",
    );
    expect((await validate(root, "--mode", "tag")).report.problems[0].code).toBe("TAG_MISSING");
  });

  test("bad --mode is a usage error", async () => {
    const r = await runInProcess(["agent", "release", "validate", "--mode", "nightly"], { cwd: project() });
    expect(r.code).toBe(2);
  });
});
