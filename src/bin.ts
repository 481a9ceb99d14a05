#!/usr/bin/env bun
import { VERSION } from "./version.ts";

// The version is answered before anything else loads: every module (and node: builtin) costs start-up.
// The same spellings as cli/main.ts VERSION_FLAGS, plus the `version` command.
const argv = process.argv.slice(2);
if (argv.length === 1 && ["--version", "-v", "-V", "version"].includes(argv[0] as string)) {
  console.log(`spec-kitty ${VERSION}`);
  process.exit(0);
}
const [{ runCli }, { default: root }] = await Promise.all([
  import("./cli/main.ts"),
  import("./commands/index.ts"),
]);
// The only process.exit in the program: everything below returns an exit code instead.
process.exit(await runCli(root, argv));
