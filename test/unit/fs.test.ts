import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/core/fs/atomic.ts";
import { withLock } from "../../src/core/fs/lock.ts";
import { resolveInside } from "../../src/core/fs/safe-path.ts";
import { tempDir } from "../support/fs.ts";

describe("writeFileAtomic", () => {
  test("replaces content and leaves no temp files", () => {
    const dir = tempDir();
    const file = join(dir, "a.txt");
    writeFileAtomic(file, "one");
    writeFileAtomic(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });
});

describe("withLock", () => {
  test("excludes callers in the same process", async () => {
    const lock = join(tempDir(), "x.lock");
    const order: string[] = [];
    let release!: () => void;
    let entered!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = withLock(lock, async () => {
      order.push("first-in");
      entered();
      await gate;
      order.push("first-out");
    });
    await inside;
    const second = withLock(lock, () => {
      order.push("second");
    });
    await Bun.sleep(50); // a negative check: during this window the second caller must not get in
    expect(order).toEqual(["first-in"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first-in", "first-out", "second"]);
  });

  test("times out with LOCK_TIMEOUT", async () => {
    const lock = join(tempDir(), "y.lock");
    let release!: () => void;
    const held = withLock(lock, () => new Promise<void>((resolve) => (release = resolve)));
    await Bun.sleep(20);
    await expect(withLock(lock, () => 1, { timeoutMs: 100 })).rejects.toMatchObject({ code: "LOCK_TIMEOUT" });
    release();
    await held;
  });
});

describe("resolveInside", () => {
  test("refuses .. and absolute escapes", () => {
    const root = tempDir();
    expect(() => resolveInside(root, "../x")).toThrow(/outside the project/);
    expect(() => resolveInside(root, "/etc/passwd")).toThrow(/outside the project/);
    expect(resolveInside(root, "a/b")).toEndWith(join("a", "b"));
  });

  test("refuses a symlinked directory that points outside", () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, "link"));
    expect(() => resolveInside(root, "link/file.txt")).toThrow(/symlink/);
    mkdirSync(join(root, "real"));
    writeFileSync(join(outside, "f"), "x");
    symlinkSync(join(outside, "f"), join(root, "real", "f"));
    expect(() => resolveInside(root, "real/f")).toThrow(/symlink/);
  });
});
