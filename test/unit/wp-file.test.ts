import { describe, expect, test } from "bun:test";
import { editWp, parseWpText } from "../../src/core/tasks/wp-file.ts";

const parse = (text: string, file = "/m/tasks/WP02-a.md") => parseWpText(text, file, "WP02-a.md");

describe("WP frontmatter", () => {
  test("edits keep comments, unknown keys, quoting and the body byte for byte", () => {
    const body = "\n# Title – with dash\n\n```yaml\n---\nnot: frontmatter\n```\n  trailing  \n";
    const text = `---\n# a comment\nwork_package_id: "WP02" # inline\ncustom_key: keep me\ndependencies:\n- WP01\n---${body}`;
    const wp = parse(text);
    expect(wp.warnings).toEqual([
      {
        code: "unknown_frontmatter_key",
        message: "WP02-a.md: unknown frontmatter key 'custom_key' (kept as is)",
      },
    ]);
    const out = editWp(wp, { set: { title: "New", execution_mode: "code_change", dependencies: ["WP01"] } });
    expect(out.endsWith(`---${body}`)).toBe(true);
    expect(out).toContain("# a comment\n");
    expect(out).toContain('work_package_id: "WP02" # inline\n');
    expect(out).toContain("custom_key: keep me\n");
    // New keys go where spec-kitty's order puts them: title right after work_package_id.
    expect(out.indexOf("title: New")).toBeLessThan(out.indexOf("custom_key"));
    expect(out.indexOf("execution_mode")).toBeGreaterThan(out.indexOf("dependencies"));
  });

  test("no change → identical text", () => {
    const text = "---\nwork_package_id: WP02\ndependencies: []\n---\nbody\n";
    expect(editWp(parse(text), { set: { dependencies: [] } })).toBe(text);
  });

  test("sequence style follows the file", () => {
    const flush = editWp(parse("---\nwork_package_id: WP02\n---\n"), { set: { owned_files: ["a/**"] } });
    expect(flush).toContain("owned_files:\n- a/**\n");
    const indented = editWp(parse("---\nwork_package_id: WP02\nsubtasks:\n  - T1\n---\n"), {
      set: { owned_files: ["a/**"] },
    });
    expect(indented).toContain("owned_files:\n  - a/**\n");
  });

  test("malformed YAML names the file and the line", () => {
    expect(() => parse("---\nwork_package_id: WP02\ntitle: [oops\nx: 1\n---\n")).toThrow(
      /WP02-a\.md line \d+/,
    );
  });

  test("frontmatter that is not a mapping is rejected", () => {
    expect(() => parse("---\n- a\n- b\n---\n")).toThrow(/must be a YAML mapping/);
    expect(() => parse("---\njust text\n---\n")).toThrow(/must be a YAML mapping/);
  });

  test("id/filename mismatch and bad ids", () => {
    expect(() => parse("---\nwork_package_id: WP03\n---\n")).toThrow(/WP03 but the file name says WP02/);
    expect(() => parse("---\nwork_package_id: WP002\n---\n")).toThrow(/not WP followed by two digits/);
    for (const name of ["WP1-a.md", "WP001-a.md", "wp01-a.md"]) {
      expect(() => parseWpText("---\n---\n", `/m/tasks/${name}`, name)).toThrow(/must start with a WP id/);
    }
  });

  test("missing frontmatter delimiters", () => {
    expect(() => parse("# no frontmatter\n")).toThrow(/does not start with a `---`/);
    expect(() => parse("---\nwork_package_id: WP02\n")).toThrow(/no closing/);
  });

  test("wrong types are schema errors naming the file", () => {
    expect(() => parse("---\nexecution_mode: [a]\n---\n")).toThrow(/WP02-a\.md line 2: execution_mode/);
  });

  // Before: an execution_mode other than code_change/planning_artifact made the whole file invalid, so
  // a WP another tool tagged `pairing` vanished from every board.
  test("an unknown execution_mode, a 3.2 key and an irregular id are warnings, the file is read", () => {
    const wp = parse("---\nexecution_mode: pairing\nscope: codebase-wide\ntracker_refs: [GH-1]\n---\n");
    expect(wp.warnings.map((w) => w.code)).toEqual(["unknown_execution_mode"]);
    const odd = parseWpText("---\nwork_package_id: WP7\n---\n", "/m/tasks/WP7-x.md", "WP7-x.md", "WP7");
    expect(odd.id).toBe("WP7");
    expect(odd.warnings.map((w) => w.code)).toEqual(["non_canonical_wp_id"]);
  });

  test("git conflict markers in the frontmatter are named with their line", () => {
    const text = "---\ntitle: a\n<<<<<<< HEAD\nagent: x\n=======\nagent: y\n>>>>>>> other\n---\n";
    expect(() => parse(text)).toThrow("WP02-a.md line 3: frontmatter holds git conflict markers");
  });

  test("a key some upstream strict parser rejects is never written", () => {
    const wp = parse("---\nscope: codebase-wide\n---\n");
    expect(() => editWp(wp, { set: { tracker_refs: ["GH-1"] } })).toThrow(/refusing to write/);
    // Keeping such a key that is already there is fine: only written keys are checked.
    expect(editWp(wp, { set: { agent: "claude" } })).toContain("scope: codebase-wide");
  });
});
