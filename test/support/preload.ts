/**
 * Runs once before the test files: makes sure dist/spec-kitty is the binary of the current sources,
 * so end-to-end tests always exercise the real compiled artifact.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildHost } from "../../build.ts";

const root = join(import.meta.dir, "..", "..");

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
