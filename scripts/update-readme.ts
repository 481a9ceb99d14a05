/**
 * Rewrites the README block between `<!-- agents:start -->` and `<!-- agents:end -->` from the agent
 * table the code uses. Run `npx bun run scripts/update-readme.ts`; a test fails when it is stale.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../src/core/fs/atomic.ts";
import { replaceReadmeBlock } from "../src/core/init/readme.ts";

const path = join(import.meta.dir, "..", "README.md");
const before = readFileSync(path, "utf8");
const after = replaceReadmeBlock(before);
if (after === before) console.log("README.md agents block is up to date");
else {
  writeFileAtomic(path, after);
  console.log("README.md agents block updated");
}
