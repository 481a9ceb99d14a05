import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { runBin } from "../support/run.ts";

const SLUG = "001-report-tool";

describe("finalize-tasks killed mid-write", () => {
  test("SPEC_KITTY_FAULT=after-temp-write leaves no partial file; a rerun completes", async () => {
    const root = copyFixture("mission-tasks");
    const dir = join(root, "kitty-specs", SLUG);
    const before = snapshotTree(root);
    const crashed = await runBin(["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"], {
      cwd: root,
      env: { SPEC_KITTY_FAULT: "after-temp-write" },
    });
    expect(crashed.code).not.toBe(0);
    // The first atomic write died before its rename: every real file still has its old bytes.
    const after = snapshotTree(root);
    for (const [path, hash] of Object.entries(before)) expect(after[path]).toBe(hash);
    const leftovers = Object.keys(after).filter((p) => !(p in before));
    for (const p of leftovers) expect(p).toMatch(/\/\.[^/]+\.tmp$/); // only temp files may remain
    for (const wp of readdirSync(join(dir, "tasks")).filter((f) => f.endsWith(".md") && f.startsWith("WP"))) {
      expect(readFileSync(join(dir, "tasks", wp), "utf8").startsWith("---\n")).toBe(true);
    }
    const rerun = await runBin(["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"], {
      cwd: root,
    });
    expect(rerun.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "lanes.json"), "utf8")).lanes).toHaveLength(3);
  }, 120_000);
});
