import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { snapshotTree, tempDir } from "../support/fs.ts";
import { git, initRepo } from "../support/git.ts";
import { runInProcess } from "../support/run.ts";

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

const meta = (slug: string, extra: Record<string, string>) =>
  `${JSON.stringify({ mission_id: `01J${slug.slice(0, 3)}AAAAAAAAAAAAAAAAAAAAA`, mission_slug: slug, ...extra }, null, 2)}\n`;
const wp = (id: string, title: string) => `---\nwork_package_id: ${id}\ntitle: ${title}\n---\n# body\n`;

function project(version = "3.1.1-rc.1"): string {
  const root = tempDir("sk-prep-");
  write(root, {
    "package.json": `{\n  "name": "demo",\n  "version": "${version}"\n}\n`,
    ".kittify/config.yaml": "agents:\n  available: [codex]\n",
    "CHANGELOG.md": "# Changelog\n",
    "kitty-specs/001-login/meta.json": meta("001-login", {
      friendly_name: "Login with passkeys",
      change_type: "added",
      accepted_at: "2026-01-05T10:00:00+00:00",
    }),
    "kitty-specs/001-login/tasks/WP01-model.md": wp("WP01", "Credential model"),
    "kitty-specs/001-login/tasks/WP02-ui.md": wp("WP02", "Passkey prompt"),
    "kitty-specs/002-crash/meta.json": meta("002-crash", {
      friendly_name: "Fix crash on empty tasks",
      change_type: "bugfix",
      merged_at: "2026-01-06T10:00:00+00:00",
    }),
    "kitty-specs/003-wip/meta.json": meta("003-wip", { friendly_name: "Still in progress" }),
    "kitty-specs/004-refactor/meta.json": meta("004-refactor", { accepted_at: "2026-01-07T10:00:00+00:00" }),
  });
  return root;
}

async function prep(root: string, channel: string) {
  const r = await runInProcess(["agent", "release", "prep", "--channel", channel, "--json"], { cwd: root });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("agent release prep", () => {
  test("JSON shape: versions, missions, and a block headed ## [<version>] - <date>", async () => {
    const result = await prep(project(), "rc");
    expect(Object.keys(result)).toEqual([
      "channel",
      "current_version",
      "version_file",
      "proposed_version",
      "since_tag",
      "since",
      "changelog_block",
      "missions",
      "mission_slug_list",
      "structured_inputs",
    ]);
    expect(result).toMatchObject({
      channel: "rc",
      current_version: "3.1.1-rc.1",
      proposed_version: "3.1.1-rc.2",
      since_tag: null,
      mission_slug_list: ["001-login", "002-crash", "004-refactor"],
      structured_inputs: {
        version: "3.1.1-rc.2",
        tag_name: "v3.1.1-rc.2",
        release_title: "Release v3.1.1-rc.2",
      },
    });
    const block: string = result.changelog_block;
    expect(block).toMatch(/^## \[3\.1\.1-rc\.2\] - \d{4}-\d{2}-\d{2}\n/);
    expect(block).toContain(
      "### Added\n\n- Login with passkeys (`001-login`)\n  - WP01: Credential model\n  - WP02: Passkey prompt\n",
    );
    expect(block).toContain("### Changed\n\n- 004-refactor (`004-refactor`)\n");
    expect(block).toContain("### Fixed\n\n- Fix crash on empty tasks (`002-crash`)\n");
    expect(block.indexOf("### Added")).toBeLessThan(block.indexOf("### Changed"));
    expect(block.indexOf("### Changed")).toBeLessThan(block.indexOf("### Fixed"));
    expect(block).not.toContain("Still in progress");
  });

  test("stable channel drops the pre-release; human output shows the block", async () => {
    const root = project();
    expect((await prep(root, "stable")).proposed_version).toBe("3.1.1");
    const human = await runInProcess(["agent", "release", "prep", "--channel", "stable"], { cwd: root });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("3.1.1-rc.1 (package.json) → 3.1.1");
    expect(human.stdout).toContain("## [3.1.1] - ");
  });

  test("only missions finished after the last release tag are included", async () => {
    const root = project();
    initRepo(root);
    git(root, "tag", "v3.1.0");
    // Backdate nothing: the tag's commit is "now", after every mission above except one we add later.
    write(root, {
      "kitty-specs/005-new/meta.json": meta("005-new", {
        friendly_name: "Brand new",
        change_type: "feature",
        accepted_at: "2999-01-01T00:00:00+00:00",
      }),
    });
    const result = await prep(root, "rc");
    expect(result.since_tag).toBe("v3.1.0");
    expect(result.mission_slug_list).toEqual(["005-new"]);
  });

  test("modifies no file", async () => {
    const root = project();
    initRepo(root);
    const before = snapshotTree(root);
    await prep(root, "stable");
    await runInProcess(["agent", "release", "prep", "--channel", "rc"], { cwd: root });
    expect(snapshotTree(root)).toEqual(before);
  });

  test("no missions: the block still has a heading and a placeholder body", async () => {
    const root = tempDir("sk-prep-empty-");
    write(root, { "pyproject.toml": '[project]\nname = "x"\nversion = "1.2.3"\n' });
    const result = await prep(root, "rc");
    expect(result.proposed_version).toBe("1.2.4rc1");
    expect(result.changelog_block).toMatch(/^## \[1\.2\.4rc1\] - .*\n\n### Changed\n\n- No missions/);
  });

  test("--channel is required and must be stable or rc", async () => {
    const root = project();
    expect((await runInProcess(["agent", "release", "prep"], { cwd: root })).code).toBe(2);
    expect((await runInProcess(["agent", "release", "prep", "--channel", "beta"], { cwd: root })).code).toBe(
      2,
    );
  });
});
