import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runBin } from "../support/run.ts";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function metas(root: string) {
  const base = join(root, "kitty-specs");
  // Mission folders only: kitty-specs/ also holds the status files' merge rules (.gitattributes).
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(join(base, entry.name, "meta.json"), "utf8")));
}

// Explicit per-test timeouts: 20 compiled processes on a loaded 2-core machine can exceed 5 s.
describe("parallel mission create (compiled binary, real processes)", () => {
  test("20 creates in one repo → 20 distinct ids and numbers, 20 valid meta.json", async () => {
    const root = copyFixture("basic-project");
    // auto_commit off so the only shared resource is the number lock, not git's index lock.
    writeFileSync(join(root, ".kittify", "config.yaml"), "agents:\n  auto_commit: false\n");
    initRepo(root);
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runBin(["agent", "mission", "create", `feature-${i}`, "--json"], { cwd: root, env: gitEnv() }),
      ),
    );
    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const outs = runs.map((r) => JSON.parse(r.stdout));
    expect(new Set(outs.map((o) => o.mission_id)).size).toBe(20);
    expect(new Set(outs.map((o) => o.mission_number)).size).toBe(20);
    const all = metas(root);
    expect(all).toHaveLength(20);
    for (const meta of all) expect(meta.mission_id).toMatch(ULID);
    expect(all.map((m) => m.mission_number).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(3, "0")),
    );
  }, 120_000);

  test("with auto_commit on, parallel creates still all succeed and every meta.json is intact", async () => {
    const root = copyFixture("basic-project");
    initRepo(root);
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runBin(["agent", "mission", "create", `c-${i}`, "--json"], { cwd: root, env: gitEnv() }),
      ),
    );
    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(new Set(metas(root).map((m) => m.mission_number)).size).toBe(8);
    expect(git(root, "stash", "list")).toBe("");
  }, 120_000);

  test("two clones creating at once → distinct ids", async () => {
    const origin = copyFixture("basic-project");
    initRepo(origin);
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    git(origin, "clone", "-q", origin, a);
    git(origin, "clone", "-q", origin, b);
    const [ra, rb] = await Promise.all(
      [a, b].map((cwd) =>
        runBin(["agent", "mission", "create", "same-name", "--json"], { cwd, env: gitEnv() }),
      ),
    );
    const ida = JSON.parse(ra?.stdout ?? "").mission_id;
    const idb = JSON.parse(rb?.stdout ?? "").mission_id;
    expect(ida).toMatch(ULID);
    expect(idb).toMatch(ULID);
    expect(ida).not.toBe(idb);
  }, 120_000);
});
