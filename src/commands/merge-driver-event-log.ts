import { resolve } from "node:path";
import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { SpecKittyError } from "../core/errors.ts";
import { writeFileAtomic } from "../core/fs/atomic.ts";
import { readTextFile } from "../core/fs/text.ts";
import { unionEventLogs } from "../core/status/merge-driver.ts";

function read(path: string): string {
  try {
    return readTextFile(path, path);
  } catch (error) {
    if (error instanceof SpecKittyError) throw error;
    throw new SpecKittyError("MERGE_INPUT_MISSING", `cannot read ${path}: ${(error as Error).message}`, {
      fix: "this command is run by git as a merge driver with %O %A %B",
    });
  }
}

/**
 * Git merge driver for status.events.jsonl, configured as
 * `git config merge.spec-kitty-event-log.driver "spec-kitty merge-driver-event-log %O %A %B"` with
 * `kitty-specs/**\/status.events.jsonl merge=spec-kitty-event-log` in .gitattributes. The three paths
 * are temp files git creates and names; they are not user input, so they are used as given.
 */
export default defineCommand({
  meta: {
    name: "merge-driver-event-log",
    description:
      "Git merge driver: union two status event logs by event_id (writes the result to %A)\n" +
      "Used by git, not by people. Exit 0 on success; a malformed line exits 1 naming file and line.",
    hidden: true,
  },
  args: {
    base: { type: "positional", required: true, description: "%O: the common ancestor's version" },
    ours: { type: "positional", required: true, description: "%A: our version; receives the result" },
    theirs: { type: "positional", required: true, description: "%B: their version" },
  },
  run: ({ args }) => {
    const { cwd } = io();
    const paths = {
      base: resolve(cwd, args.base),
      ours: resolve(cwd, args.ours),
      theirs: resolve(cwd, args.theirs),
    };
    const merged = unionEventLogs([
      { file: args.ours, text: read(paths.ours) },
      { file: args.theirs, text: read(paths.theirs) },
      { file: args.base, text: read(paths.base) },
    ]);
    writeFileAtomic(paths.ours, merged);
    return 0;
  },
});
