/** The compiled binary's release gate, run on this repository itself (dogfooding) and on a skewed copy. */
import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { tempDir } from "../support/fs.ts";
import { runBin } from "../support/run.ts";

const ROOT = join(import.meta.dir, "..", "..");

/** The four files the gate reads, copied so the test can break them. */
function copyOfRepo(): string {
  const dir = tempDir("sk-dogfood-");
  mkdirSync(join(dir, ".kittify"));
  for (const rel of ["package.json", "CHANGELOG.md", ".kittify/config.yaml", ".kittify/metadata.yaml"]) {
    copyFileSync(join(ROOT, rel), join(dir, rel));
  }
  return dir;
}

describe("release gate on this repository", () => {
  test("package.json, .kittify/metadata.yaml and CHANGELOG.md agree", async () => {
    const r = await runBin(["agent", "release", "validate", "--mode", "branch", "--json"], { cwd: ROOT });
    const report = JSON.parse(r.stdout);
    expect(report.problems).toEqual([]);
    expect(r.code).toBe(0);
    expect(report).toMatchObject({ ok: true, version: pkg.version, spec_kitty: { tied_to_project: true } });
  });

  test("a skewed metadata version fails the gate with exit 1, naming both files", async () => {
    const dir = copyOfRepo();
    const path = join(dir, ".kittify", "metadata.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(`version: ${pkg.version}`, "version: 0.0.1"));
    const r = await runBin(["agent", "release", "validate"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `package\\.json line \\d+: ${pkg.version.replace(/\./g, "\\.")} vs \\.kittify/metadata\\.yaml line \\d+: 0\\.0\\.1`,
      ),
    );
  });

  test("--help explains both subcommands", async () => {
    const r = await runBin(["agent", "release", "--help"], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("validate");
    expect(r.stdout).toContain("prep");
  });
});
