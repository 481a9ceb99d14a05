/** The owned-files core: three-way merge, the manifest reader, and the decision for each file state. */
import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { charterContext } from "../../src/core/charter/context.ts";
import { SpecKittyError } from "../../src/core/errors.ts";
import { entryFor, serializeManifest, sha256 } from "../../src/core/owned/manifest.ts";
import { parseManifest } from "../../src/core/owned/manifest-read.ts";
import { merge3 } from "../../src/core/owned/merge3.ts";
import { isOwnablePath, type OwnedFile, ownedFiles } from "../../src/core/owned/plan.ts";
import { decide, inspectOwned, type Policy } from "../../src/core/owned/reconcile.ts";
import { tempDir } from "../support/fs.ts";

const lines = (...l: string[]) => l.map((x) => `${x}\n`).join("");

describe("merge3", () => {
  const base = lines("a", "b", "c", "d", "e");
  test("one side changed: that side wins", () => {
    expect(merge3(base, base, lines("a", "B", "c", "d", "e"))).toEqual({
      clean: true,
      text: lines("a", "B", "c", "d", "e"),
    });
    expect(merge3(base, lines("a", "b", "c", "d", "e", "mine"), base)).toEqual({
      clean: true,
      text: lines("a", "b", "c", "d", "e", "mine"),
    });
  });
  test("changes in different places both land", () => {
    const ours = lines("a", "b", "c", "d", "e", "my note");
    const theirs = lines("A", "b", "c", "d", "e");
    expect(merge3(base, ours, theirs)).toEqual({
      clean: true,
      text: lines("A", "b", "c", "d", "e", "my note"),
    });
    const deleted = lines("a", "c", "d", "e");
    expect(merge3(base, deleted, lines("a", "b", "c", "D", "e"))).toEqual({
      clean: true,
      text: lines("a", "c", "D", "e"),
    });
  });
  test("the same change on both sides is taken once", () => {
    const both = lines("a", "x", "c", "d", "e");
    expect(merge3(base, both, both)).toEqual({ clean: true, text: both });
  });
  test("different changes to the same lines are a conflict", () => {
    expect(merge3(base, lines("a", "mine", "c", "d", "e"), lines("a", "theirs", "c", "d", "e"))).toEqual({
      clean: false,
      conflicts: 1,
    });
  });
  test("empty texts and texts without a final newline", () => {
    expect(merge3("", "", "new\n")).toEqual({ clean: true, text: "new\n" });
    expect(merge3("a\nb\n", "a\nb\nc", "x\nb\n")).toEqual({ clean: true, text: "x\nb\nc" });
  });
});

describe("manifest", () => {
  const file: OwnedFile = {
    path: ".claude/commands/spec-kitty.plan.md",
    content: "plan\n",
    agents: ["claude"],
  };
  const good = serializeManifest([entryFor(file)], "1.0.0");

  test("round-trips, entries sorted by path", () => {
    const second: OwnedFile = {
      path: ".claude/commands/spec-kitty.accept.md",
      content: "x",
      agents: ["claude"],
    };
    const text = serializeManifest([entryFor(file), entryFor(second)], "1.0.0");
    expect(parseManifest(text).files.map((f) => f.path)).toEqual([second.path, file.path]);
  });

  const refused = (text: string) => {
    try {
      parseManifest(text);
      return "accepted";
    } catch (error) {
      return error instanceof SpecKittyError ? error.message : "crash";
    }
  };
  test("invalid manifests name the file and the problem", () => {
    expect(refused("{")).toContain(".kittify/owned-files.json");
    expect(refused(good.replace(sha256("plan\n"), "0".repeat(64)))).toContain(
      "does not match its recorded base",
    );
    const twice = JSON.stringify({
      ...JSON.parse(good),
      files: [...JSON.parse(good).files, ...JSON.parse(good).files],
    });
    expect(refused(twice)).toContain("listed twice");
    for (const path of [
      "src/app.ts",
      "../x",
      ".claude/commands/notes.md",
      ".agents/skills/other/SKILL.md",
      ".kittify/templates/a/b.md",
    ]) {
      const bad = JSON.stringify({ ...JSON.parse(good), files: [{ ...JSON.parse(good).files[0], path }] });
      expect(refused(bad)).toContain("is not a place spec-kitty writes");
    }
  });

  test("every planned path is ownable", () => {
    for (const f of ownedFiles(["claude", "codex", "vibe", "gemini", "copilot"], "1"))
      expect(isOwnablePath(f.path)).toBe(true);
  });
});

describe("decisions", () => {
  const NONE: Policy = {
    restoreMissing: false,
    force: false,
    mergeEdited: false,
    replaceGenerated: false,
    removeUnwanted: false,
  };
  const planned = (content: string): OwnedFile => ({
    path: ".claude/commands/spec-kitty.plan.md",
    content,
    agents: ["claude"],
  });

  function project(disk: string | null, recorded: string | null, plan: string | null) {
    const root = tempDir();
    const path = ".claude/commands/spec-kitty.plan.md";
    if (disk !== null) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), disk);
    }
    const manifest =
      recorded === null
        ? null
        : { schema_version: 1 as const, spec_kitty_version: "1", files: [entryFor(planned(recorded))] };
    const [report] = inspectOwned(root, plan === null ? [] : [planned(plan)], manifest);
    if (!report) throw new Error("no report");
    return report;
  }

  test("each state, and what the strictest policy does with it: nothing that loses bytes", () => {
    const cases: [string | null, string | null, string | null, string, string][] = [
      ["new\n", "old\n", "new\n", "current", "record"],
      [null, null, "new\n", "new", "write"],
      [null, "old\n", "new\n", "missing", "keep"],
      ["old\n", "old\n", "new\n", "outdated", "write"],
      ["mine\n", "new\n", "new\n", "edited", "keep"],
      ["mine\n", "old\n", "new\n", "edited_outdated", "keep"],
      ["theirs\n", null, "new\n", "untracked", "keep"],
      ["old\n", "old\n", null, "unwanted", "keep"],
      ["mine\n", "old\n", null, "unwanted_edited", "keep"],
      [null, "old\n", null, "gone", "record"],
    ];
    for (const [disk, recorded, plan, state, kind] of cases) {
      const report = project(disk, recorded, plan);
      expect(`${state}: ${report.state}`).toBe(`${state}: ${state}`);
      expect(`${state}: ${decide(report, NONE).kind}`).toBe(`${state}: ${kind}`);
    }
  });

  test("force replaces edited and untracked files with a backup; merge lands a clean merge", () => {
    const force = { ...NONE, force: true };
    expect(decide(project("mine\n", "new\n", "new\n"), force)).toMatchObject({ kind: "write", backup: true });
    expect(decide(project("theirs\n", null, "new\n"), force)).toMatchObject({ kind: "write", backup: true });
    const merge = { ...NONE, mergeEdited: true };
    const report = project("a\nb\nmine\n", "a\nb\n", "A\nb\n");
    expect(decide(report, merge)).toMatchObject({ kind: "write", content: "A\nb\nmine\n", backup: false });
    expect(decide(project("mine\n", "old\n", "new\n"), merge)).toMatchObject({
      kind: "keep",
      conflict: true,
    });
  });

  test("an untracked file with a version marker counts as generated; without one it is never replaced by upgrade's policy", () => {
    const upgrade = { ...NONE, replaceGenerated: true };
    const marked = project("<!-- spec-kitty-command-version: 0.9 -->\nold\n", null, "new\n");
    expect(marked.generated).toBe(true);
    expect(decide(marked, upgrade)).toMatchObject({ kind: "write", backup: true });
    expect(decide(project("my own\n", null, "new\n"), upgrade).kind).toBe("keep");
  });
});

describe("charter context budget", () => {
  test("sections that do not fit are left out, and the prompt says where to read them", () => {
    const root = tempDir();
    mkdirSync(join(root, ".kittify/charter"), { recursive: true });
    const long = "x".repeat(500);
    writeFileSync(
      join(root, ".kittify/charter/charter.md"),
      `# C\n\n## Policy Summary\n\n- one\n\n## Testing\n\n${long}\n\n## Code Quality\n\n${long}\n`,
    );
    const full = charterContext(root, "implement");
    expect(full.sections).toEqual(["Testing", "Code Quality"]);
    const tight = charterContext(root, "implement", 800);
    expect(tight.sections).toEqual(["Testing"]);
    expect(tight.truncated).toBe(true);
    expect(tight.text).toContain("read .kittify/charter/charter.md for the rest");
  });
});
