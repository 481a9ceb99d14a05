import { describe, expect, test } from "bun:test";
import { tmpdir } from "node:os";
import { tempDir } from "../support/fs.ts";
import { testEnv } from "../support/run.ts";

// Every temp dir a test makes lives under the run's own root, which test/support/preload.ts removes
// when the test process exits; processes the tests start get the same TMPDIR.
describe("test temp files", () => {
  const runTmp = process.env.SPEC_KITTY_TEST_RUN_TMP as string;

  test("the run has its own temp root", () => {
    expect(runTmp).toContain("sk-run-");
    expect(tmpdir()).toBe(runTmp);
  });

  test("tempDir() and spawned processes use it", () => {
    expect(tempDir().startsWith(`${runTmp}/`)).toBe(true);
    expect(testEnv("/somewhere").TMPDIR).toBe(runTmp);
  });
});
