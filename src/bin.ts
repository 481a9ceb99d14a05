#!/usr/bin/env bun
import { runCli } from "./cli/main.ts";

// The only process.exit in the program: everything below returns an exit code instead.
const code = await runCli(process.argv.slice(2));
process.exit(code);
