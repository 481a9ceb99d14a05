/**
 * Runs once before the test files:
 * - every temp file of the run (ours, and those of the processes we start) goes under ONE directory,
 *   `<os tmp>/sk-run-XXXXXX`, removed when the test process exits, so a test run leaves nothing behind;
 * - dist/spec-kitty is rebuilt when the sources are newer, so end-to-end tests exercise the real binary.
 */
import { afterAll } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildHost } from "../../build.ts";

const root = join(import.meta.dir, "..", "..");

const runTmp = mkdtempSync(join(tmpdir(), "sk-run-"));
chmodSync(runTmp, 0o755); // tests that run the binary as another user (init.test.ts) must reach their dirs
process.env.TMPDIR = runTmp;
process.env.SPEC_KITTY_TEST_RUN_TMP = runTmp;
// A global afterAll (hooks in a preload file apply to the whole run): `process.on("exit")` does not fire
// under bun test.
afterAll(() => rmSync(runTmp, { recursive: true, force: true }));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const bin = join(root, "dist", "spec-kitty");
const sources = Math.max(
  newestSource(join(root, "src")),
  statSync(join(root, "package.json")).mtimeMs,
  statSync(join(root, "build.ts")).mtimeMs,
);
if (!existsSync(bin) || statSync(bin).mtimeMs < sources) await buildHost();
