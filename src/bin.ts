#!/usr/bin/env bun
import { VERSION } from "./version.ts";

// `--version` is answered before anything else loads: every module (and node: builtin) costs start-up.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  console.log(`spec-kitty ${VERSION}`);
  process.exit(0);
}
const { runCli } = await import("./cli/main.ts");
// The only process.exit in the program: everything below returns an exit code instead.
process.exit(await runCli(argv));
