/** `checkDriverPaths`: the checks on git's %O %A %B before a merge driver reads or writes anything. */
import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SpecKittyError } from "../../src/core/errors.ts";
import { checkDriverPaths } from "../../src/core/merge/drivers/paths.ts";
import { tempDir } from "../support/fs.ts";

function sides(dir: string, names: string[] = ["O", "A", "B"]): void {
  for (const name of names) writeFileSync(join(dir, name), "{}\n");
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecKittyError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkDriverPaths", () => {
  test("three sibling files in the work tree: their absolute paths", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    sides(join(dir, "sub"));
    expect(checkDriverPaths(dir, "sub/O", "sub/A", "sub/B")).toEqual({
      base: join(dir, "sub", "O"),
      ours: join(dir, "sub", "A"),
      theirs: join(dir, "sub", "B"),
    });
  });

  test("a path leaving the work tree is refused", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "root"));
    sides(dir);
    expect(codeOf(() => checkDriverPaths(join(dir, "root"), "../O", "../A", "../B"))).toBe("PATH_ESCAPE");
  });

  test("%A a symlink (even to a file inside) is refused with the name git passed", () => {
    const dir = tempDir();
    sides(dir, ["O", "B", "real"]);
    symlinkSync(join(dir, "real"), join(dir, "A"));
    expect(() => checkDriverPaths(dir, "O", "A", "B")).toThrow("%A A is a symlink; refusing to write it");
  });

  test("paths in different directories are refused", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    sides(dir, ["O", "A", "sub/B"]);
    expect(codeOf(() => checkDriverPaths(dir, "O", "A", "sub/B"))).toBe("MERGE_DRIVER_PATHS");
  });
});
