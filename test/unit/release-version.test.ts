import { describe, expect, test } from "bun:test";
import { findChangelogEntry } from "../../src/core/release/changelog.ts";
import {
  compareVersions,
  parseVersion,
  proposeVersion,
  type Version,
} from "../../src/core/release/version.ts";

function v(raw: string): Version {
  const parsed = parseVersion(raw);
  if (!parsed) throw new Error(`test version ${raw} did not parse`);
  return parsed;
}

const ascending = (list: string[]) => [...list].sort((a, b) => compareVersions(v(a), v(b)));

describe("version grammar", () => {
  test("accepts semver and PEP 440 forms", () => {
    for (const ok of [
      "3.1.1",
      "3.1.1-rc.1",
      "1.0.0-alpha.beta.1",
      "1.0.0+build.5",
      "3.1.1rc1",
      "3.1.1a3",
      "3.1.1b2",
      "3.1.1.post1",
      "3.1.1.dev4",
      "3.1.1rc1.dev2",
    ]) {
      expect(parseVersion(ok)).not.toBeNull();
    }
  });

  test("rejects malformed versions", () => {
    for (const bad of [
      "3.1",
      "v3.1.1",
      "3.1.1-",
      "3.1.1-rc..1",
      "03.1.1",
      "three",
      "",
      "3.1.1 ",
      "3.1.1-rc.01",
    ]) {
      expect(parseVersion(bad)).toBeNull();
    }
  });

  test("PEP 440 ordering: 3.1.1a3 < 3.1.1rc1 < 3.1.1", () => {
    expect(
      ascending(["3.1.1", "3.1.1rc1", "3.1.1a3", "3.1.1b1", "3.1.1.post1", "3.1.1.dev1", "3.1.1a10"]),
    ).toEqual(["3.1.1.dev1", "3.1.1a3", "3.1.1a10", "3.1.1b1", "3.1.1rc1", "3.1.1", "3.1.1.post1"]);
  });

  test("semver ordering: 3.1.1-rc.1 < 3.1.1, numeric identifiers compare as numbers", () => {
    expect(
      ascending([
        "3.1.1",
        "3.1.1-rc.10",
        "3.1.1-rc.2",
        "3.1.1-rc.1",
        "3.1.0",
        "3.1.1-alpha",
        "3.1.1-alpha.1",
      ]),
    ).toEqual(["3.1.0", "3.1.1-alpha", "3.1.1-alpha.1", "3.1.1-rc.1", "3.1.1-rc.2", "3.1.1-rc.10", "3.1.1"]);
  });

  test("the two grammars agree on equal versions and order across each other", () => {
    expect(compareVersions(v("3.1.1-rc.1"), v("3.1.1rc1"))).toBe(0);
    expect(compareVersions(v("3.1.1-beta.2"), v("3.1.1b2"))).toBe(0);
    expect(compareVersions(v("3.1.1a3"), v("3.1.1-rc.1"))).toBe(-1);
    expect(compareVersions(v("1.0.0+build.1"), v("1.0.0"))).toBe(0);
    expect(compareVersions(v("3.2.0-rc.1"), v("3.1.9"))).toBe(1);
  });
});

describe("proposeVersion", () => {
  test("stable: pre-release → its final, final → next patch", () => {
    expect(proposeVersion(v("3.1.1-rc.1"), "stable")).toBe("3.1.1");
    expect(proposeVersion(v("3.1.1rc2"), "stable")).toBe("3.1.1");
    expect(proposeVersion(v("3.1.1"), "stable")).toBe("3.1.2");
  });

  test("rc: counts up, keeps the grammar, starts the next patch after a final", () => {
    expect(proposeVersion(v("3.1.1-rc.1"), "rc")).toBe("3.1.1-rc.2");
    expect(proposeVersion(v("3.1.1rc1"), "rc")).toBe("3.1.1rc2");
    expect(proposeVersion(v("3.1.1a3"), "rc")).toBe("3.1.1rc1");
    expect(proposeVersion(v("3.1.1"), "rc")).toBe("3.1.2-rc.1");
    expect(proposeVersion(v("3.1.1"), "rc", "pep440")).toBe("3.1.2rc1");
  });
});

describe("findChangelogEntry", () => {
  const text = [
    "# Changelog",
    "",
    "## [Unreleased]",
    "",
    "## [3.1.1rc1] - 2026-01-02",
    "",
    "### Added",
    "",
    "## [3.1.0] - 2026-01-01",
    "- first",
    "## 3.0.0",
    "- older",
  ].join("\n");

  test("finds an entry by semantic version and reports its heading line", () => {
    expect(findChangelogEntry(text, v("3.1.0"))).toMatchObject({ line: 9, populated: true, body: "- first" });
    expect(findChangelogEntry(text, v("3.0.0"))).toMatchObject({ line: 11, populated: true });
    expect(findChangelogEntry(text, v("3.1.1-rc.1"))?.line).toBe(5);
  });

  test("a body of only sub-headings is empty; a missing version is null", () => {
    expect(findChangelogEntry(text, v("3.1.1rc1"))?.populated).toBe(false);
    expect(findChangelogEntry(text, v("3.1.2"))).toBeNull();
  });
});
