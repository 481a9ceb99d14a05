import { describe, expect, test } from "bun:test";
import { parseTasksMd } from "../../src/core/tasks/parse.ts";

const deps = (text: string) =>
  Object.fromEntries(parseTasksMd(text).wps.map((wp) => [wp.id, wp.dependencies]));

describe("tasks.md headers", () => {
  test("accepts the three header forms", () => {
    const text = "## WP01 One\n\n## Work Package WP02: Two\n\n### WP03\n";
    expect(parseTasksMd(text).wps.map((wp) => wp.id)).toEqual(["WP01", "WP02", "WP03"]);
  });

  test("rejects ids that are not WP + two digits, and #### headers", () => {
    const text = "## WP1 a\n## WP001 b\n## wp01 c\n#### WP04 d\n## Work Package 05\n";
    expect(parseTasksMd(text).wps).toEqual([]);
  });

  test("reports duplicate headers with their lines", () => {
    expect(parseTasksMd("## WP01 a\n\n## WP01 b\n").duplicates).toEqual([{ id: "WP01", lines: [1, 3] }]);
  });

  test("keeps header titles and line numbers", () => {
    const [wp] = parseTasksMd("# T\n\n## Work Package WP01: Alpha core (Priority: P0)\n").wps;
    expect(wp).toMatchObject({ id: "WP01", title: "Alpha core (Priority: P0)", line: 3 });
  });
});

describe("dependency patterns", () => {
  test("Depends on, with commas and 'and'", () => {
    expect(
      deps("## WP01\n## WP02\n## WP03\nDepends on WP01, WP02\n## WP04\ndepends on WP01 and WP03.\n"),
    ).toEqual({
      WP01: [],
      WP02: [],
      WP03: ["WP01", "WP02"],
      WP04: ["WP01", "WP03"],
    });
  });

  test("**Dependencies**: line, 'none' yields nothing", () => {
    expect(deps("## WP01\n**Dependencies**: none\n## WP02\n**Dependencies**: WP01\n")).toEqual({
      WP01: [],
      WP02: ["WP01"],
    });
  });

  test("Dependencies heading followed by a list; a non-list line ends it", () => {
    const text = "## WP01\n## WP02\n## WP03\n### Dependencies\n\n- WP01\n* WP02\nprose WP09\n- WP04\n";
    expect(deps(text).WP03).toEqual(["WP01", "WP02"]);
  });

  test("'Dependencies:' with nothing after the colon reads the list below", () => {
    expect(deps("## WP01\n## WP02\nDependencies:\n- WP01\n").WP02).toEqual(["WP01"]);
  });

  test("duplicates across patterns are dropped, first occurrence kept", () => {
    expect(deps("## WP01\n## WP02\n## WP03\nDepends on WP02\n**Dependencies**: WP01, WP02\n").WP03).toEqual([
      "WP02",
      "WP01",
    ]);
  });
});

describe("section bounds", () => {
  test("a trailing ## Notes mentioning Depends on WP01 adds nothing to the last WP", () => {
    const text = "## WP01 a\n\n## WP02 b\nwork\n\n## Notes\n\nWP02 Depends on WP01 in spirit.\n";
    expect(deps(text)).toEqual({ WP01: [], WP02: [] });
  });

  test("### sub-headings inside a WP do not end it", () => {
    const text = "## WP01 a\n## WP02 b\n### Included Subtasks\n- [ ] T001\n### Notes\nDepends on WP01\n";
    expect(deps(text).WP02).toEqual(["WP01"]);
  });

  test("a ## Dependencies heading does not end the last section", () => {
    expect(deps("## WP01\n## WP02 b\n## Dependencies\n- WP01\n").WP02).toEqual(["WP01"]);
  });

  test("requirement refs are read per section", () => {
    const [a, b] = parseTasksMd(
      "## WP01\n**Requirement Refs**: FR-001, nfr-002\n## WP02\nRequirements: C-003\n",
    ).wps;
    expect(a?.requirementRefs).toEqual(["FR-001", "NFR-002"]);
    expect(b?.requirementRefs).toEqual(["C-003"]);
  });

  test("a 10 MB tasks.md parses (linear scan)", () => {
    const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n".repeat(180_000);
    const text = `## WP01 a\n${filler}## WP02 b\nDepends on WP01\n`;
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(deps(text)).toEqual({ WP01: [], WP02: ["WP01"] });
  });
});

describe("large missions", () => {
  test("WP100 and up are ids (no leading zeros); order is numeric", () => {
    const text = "## WP99 a\n## WP100 b\nDepends on WP99, WP100\n## WP0100 c\n";
    expect(deps(text)).toEqual({ WP99: [], WP100: ["WP99", "WP100"] });
  });
});
