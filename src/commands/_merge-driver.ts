import { existsSync } from "node:fs";
import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { SpecKittyError } from "../core/errors.ts";
import { writeFileAtomic } from "../core/fs/atomic.ts";
import { readTextFile } from "../core/fs/text.ts";
import { checkDriverPaths } from "../core/merge/drivers/paths.ts";
import { DriverInputError, type DriverOutcome, type DriverSides } from "../core/merge/drivers/three-way.ts";

export interface DriverContext {
  cwd: string;
  /** The paths as git passed them, for messages that name a file. */
  labels: { base: string; ours: string; theirs: string };
}

/** A side git did not create (an add/add merge has no base) reads as empty. */
function read(path: string, label: string): string {
  if (!existsSync(path)) return "";
  try {
    return readTextFile(path, label);
  } catch (error) {
    if (error instanceof SpecKittyError) throw error;
    throw new SpecKittyError("MERGE_INPUT_MISSING", `cannot read ${label}: ${(error as Error).message}`, {
      fix: "this command is run by git as a merge driver with %O %A %B",
    });
  }
}

/**
 * A git merge driver command (`spec-kitty <name> %O %A %B`, registered in .gitattributes and git
 * config): reads the three versions, merges them with `merge`, writes the result to %A. Exit 0 when
 * the merge is clean; exit 1 when a person must resolve a conflict (%A then holds conflict markers) or
 * the input cannot be merged (%A is left as it was). The paths are checked (`checkDriverPaths`)
 * before anything is read.
 */
export function mergeDriverCommand(
  name: string,
  description: string,
  merge: (sides: DriverSides, context: DriverContext) => DriverOutcome,
) {
  return defineCommand({
    meta: { name, description, hidden: true },
    args: {
      base: { type: "positional", required: true, description: "%O: the common ancestor's version" },
      ours: { type: "positional", required: true, description: "%A: our version; receives the result" },
      theirs: { type: "positional", required: true, description: "%B: their version" },
    },
    run: ({ args }) => {
      const { cwd } = io();
      const { base, ours, theirs } = checkDriverPaths(cwd, args.base, args.ours, args.theirs);
      const sides = {
        base: read(base, args.base),
        ours: read(ours, args.ours),
        theirs: read(theirs, args.theirs),
      };
      let outcome: DriverOutcome;
      try {
        outcome = merge(sides, { cwd, labels: { base: args.base, ours: args.ours, theirs: args.theirs } });
      } catch (error) {
        if (!(error instanceof DriverInputError)) throw error;
        throw new SpecKittyError("MERGE_DRIVER_CONFLICT", error.message, {
          fix: "resolve the file by hand, then `git add` it",
        });
      }
      writeFileAtomic(ours, outcome.text);
      if (!outcome.clean) {
        io().stderr(
          `${args.ours}: conflicting changes on both sides; resolve the conflict markers, then \`git add\` it\n`,
        );
        return 1;
      }
      return 0;
    },
  });
}
