/**
 * `spec-kitty merge` flags that cannot go together, in process: refused as usage errors (exit 2)
 * before the mission is even looked up, so nothing is read or written. That `--abort --dry-run`
 * leaves a real interrupted merge alone is tested end to end (test/e2e/merge.test.ts).
 */
import { describe, expect, test } from "bun:test";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { runInProcess } from "../support/run.ts";

const SLUG = "001-report-tool";

async function refused(flags: string[]) {
  const root = copyFixture("mission-tasks");
  const before = snapshotTree(root);
  const result = await runInProcess(["merge", "--mission", SLUG, "--json", ...flags], { cwd: root });
  expect(snapshotTree(root)).toEqual(before);
  expect(result.code).toBe(2);
  const err = JSON.parse(result.stdout);
  expect(err.error_code).toBe("USAGE");
  return err as { error: string; fix: string };
}

describe("merge flag clashes (failed before: --abort dropped the other flags, and --abort --dry-run really aborted)", () => {
  test("--abort --dry-run is a usage error", async () => {
    const err = await refused(["--abort", "--dry-run"]);
    expect(err.error).toContain("--dry-run");
    expect(err.fix).toBe("drop --dry-run to abort, or drop --abort to merge");
  });

  test("--abort refuses every flag it would drop, and names them all", async () => {
    const err = await refused([
      "--abort",
      "--push",
      "--keep-remote-branches",
      "--fetch",
      "--strategy",
      "squash",
      "--skip-unapproved",
    ]);
    for (const flag of ["--push", "--keep-remote-branches", "--fetch", "--strategy", "--skip-unapproved"])
      expect(err.error).toContain(flag);
  });

  test("--keep-remote-branches without --push is a usage error", async () => {
    const err = await refused(["--keep-remote-branches"]);
    expect(err.error).toBe("--keep-remote-branches only changes what --push does");
    await refused(["--keep-remote-branches", "--dry-run"]);
  });
});
