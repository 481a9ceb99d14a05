/**
 * The containment rule and the guarded primitives (src/core/fs): paths that leave the project, writes
 * through hard links or into directories, temp files of killed writers, files named by flags, and
 * branch names. Tests marked "failed before" reproduce defects of issue 10.
 */
import { describe, expect, test } from "bun:test";
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { appendLines } from "../../src/core/fs/append.ts";
import { writeFileAtomic } from "../../src/core/fs/atomic.ts";
import { readInputFile } from "../../src/core/fs/input-file.ts";
import { checkDestinations, containedPath, resolveInside } from "../../src/core/fs/safe-path.ts";
import { readTextFile } from "../../src/core/fs/text.ts";
import { branchNameProblem } from "../../src/core/git/refname.ts";
import { jsonLocator } from "../../src/schema/check.ts";
import { tempDir } from "../support/fs.ts";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? "no code";
  }
  return "no error";
}

describe("containedPath", () => {
  test("accepts paths inside, symlinks staying inside included", () => {
    const root = tempDir();
    mkdirSync(join(root, "real"));
    symlinkSync(join(root, "real"), join(root, "alias"));
    expect(containedPath(root, "alias/x.md")).toBe(join(root, "alias/x.md"));
    expect(containedPath(root, join(root, "real", "x.md"))).toBe(join(root, "real", "x.md"));
  });

  test("refuses .., absolute paths outside, and symlinks out at any depth", () => {
    const root = tempDir();
    const outside = tempDir();
    mkdirSync(join(root, "a", "b"), { recursive: true });
    symlinkSync(outside, join(root, "a", "b", "out"));
    expect(codeOf(() => containedPath(root, "../x"))).toBe("PATH_ESCAPE");
    expect(codeOf(() => containedPath(root, "/etc/passwd"))).toBe("PATH_ESCAPE");
    expect(codeOf(() => containedPath(root, "a/b/out/deeper/file"))).toBe("PATH_ESCAPE");
    expect(codeOf(() => containedPath(root, join(root, "a/b/out")))).toBe("PATH_ESCAPE");
  });

  test("a dangling symlink is refused (failed before: appending through it created its target outside)", () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(join(outside, "not-yet"), join(root, "log.jsonl"));
    expect(codeOf(() => resolveInside(root, "log.jsonl"))).toBe("PATH_ESCAPE");
    expect(codeOf(() => appendLines(join(root, "log.jsonl"), ["x"]))).toBe("PATH_ESCAPE");
    expect(existsSync(join(outside, "not-yet"))).toBe(false);
  });

  test("the error names the project-relative path", () => {
    const root = tempDir();
    symlinkSync(tempDir(), join(root, "kitty-specs"));
    expect(() => containedPath(root, "kitty-specs/001-x/tasks.md")).toThrow("'kitty-specs/001-x/tasks.md'");
  });
});

describe("writes check their destination", () => {
  test("a hard-linked file is neither replaced nor appended to (failed before: appended through)", () => {
    const root = tempDir();
    const outside = join(tempDir(), "log");
    writeFileSync(outside, "outside\n");
    linkSync(outside, join(root, "log"));
    expect(codeOf(() => appendLines(join(root, "log"), ["x"]))).toBe("HARDLINKED_FILE");
    expect(codeOf(() => writeFileAtomic(join(root, "log"), "y"))).toBe("HARDLINKED_FILE");
    expect(readFileSync(outside, "utf8")).toBe("outside\n");
  });

  test("a directory or FIFO in a file's place is a clean error, never EISDIR or a hang", () => {
    const root = tempDir();
    mkdirSync(join(root, "lanes.json"));
    Bun.spawnSync(["mkfifo", join(root, "fifo")]);
    expect(codeOf(() => writeFileAtomic(join(root, "lanes.json"), "{}"))).toBe("NOT_A_FILE");
    expect(codeOf(() => appendLines(join(root, "fifo"), ["x"]))).toBe("NOT_A_FILE");
    expect(codeOf(() => readTextFile(join(root, "lanes.json"), "lanes.json"))).toBe("INVALID_FILE");
    expect(codeOf(() => readTextFile(join(root, "fifo"), "fifo"))).toBe("INVALID_FILE");
    expect(() => checkDestinations(root, [join(root, "ok.md"), join(root, "lanes.json")])).toThrow(
      "lanes.json is a directory",
    );
  });

  test("appends never follow a symlink in the file's place", () => {
    const root = tempDir();
    writeFileSync(join(root, "real.jsonl"), "");
    symlinkSync(join(root, "real.jsonl"), join(root, "link.jsonl"));
    expect(codeOf(() => appendLines(join(root, "link.jsonl"), ["x"]))).toBe("PATH_ESCAPE");
  });

  test("temp files of a killed writer are swept by the next write into the folder (failed before)", () => {
    const dir = tempDir();
    const dead = 999_999_999;
    writeFileSync(join(dir, `.status.json.${dead}.1767225600000.0.tmp`), "half");
    const host = Bun.hash.crc32((require("node:os") as typeof import("node:os")).hostname());
    const tag = host.toString(16).padStart(8, "0");
    writeFileSync(join(dir, `.status.json.${tag}-${dead}-abc-0.tmp`), "half");
    writeFileSync(join(dir, `.status.json.${tag}-${process.pid}-abc-0.tmp`), "a live writer's");
    writeFileSync(join(dir, ".status.json.00000000-1-abc-0.tmp"), "another host's");
    writeFileSync(join(dir, "status.json"), "old");
    writeFileAtomic(join(dir, "status.json"), "new");
    expect(readdirSync(dir).sort()).toEqual(
      [
        ".status.json.00000000-1-abc-0.tmp",
        `.status.json.${tag}-${process.pid}-abc-0.tmp`,
        "status.json",
      ].sort(),
    );
  });
});

describe("files named by flags", () => {
  const opts = (root: string, extra = {}) => ({
    flag: "--x",
    root,
    maxBytes: 1024,
    optIn: "--allow",
    ...extra,
  });

  test("inside the project, a regular UTF-8 file within the size limit is read", () => {
    const root = tempDir();
    writeFileSync(join(root, "f.md"), "\uFEFFfeedback\n");
    expect(readInputFile(join(root, "f.md"), opts(root))).toBe("feedback\n");
  });

  test("outside (directly or through a symlink) needs the opt-in; devices, FIFOs and folders never", () => {
    const root = tempDir();
    const outside = join(tempDir(), "secret.md");
    writeFileSync(outside, "secret\n");
    symlinkSync(outside, join(root, "link.md"));
    Bun.spawnSync(["mkfifo", join(root, "fifo")]);
    mkdirSync(join(root, "dir"));
    expect(codeOf(() => readInputFile(outside, opts(root)))).toBe("INPUT_OUTSIDE_PROJECT");
    expect(codeOf(() => readInputFile(join(root, "link.md"), opts(root)))).toBe("INPUT_OUTSIDE_PROJECT");
    expect(readInputFile(outside, opts(root, { allowOutside: true }))).toBe("secret\n");
    expect(codeOf(() => readInputFile("/dev/zero", opts(root, { allowOutside: true })))).toBe(
      "INPUT_NOT_A_FILE",
    );
    expect(codeOf(() => readInputFile("/dev/urandom", opts(root, { allowOutside: true })))).toBe(
      "INPUT_NOT_A_FILE",
    );
    expect(codeOf(() => readInputFile(join(root, "fifo"), opts(root)))).toBe("INPUT_NOT_A_FILE");
    expect(codeOf(() => readInputFile(join(root, "dir"), opts(root)))).toBe("INPUT_NOT_A_FILE");
    expect(codeOf(() => readInputFile(join(root, "none"), opts(root)))).toBe("INPUT_NOT_FOUND");
  });

  test("too large or not UTF-8 is refused", () => {
    const root = tempDir();
    writeFileSync(join(root, "big"), "x".repeat(1025));
    writeFileSync(join(root, "bin"), Buffer.from([0xc3, 0x28]));
    expect(codeOf(() => readInputFile(join(root, "big"), opts(root)))).toBe("INPUT_TOO_LARGE");
    expect(codeOf(() => readInputFile(join(root, "bin"), opts(root)))).toBe("INVALID_FILE");
  });
});

describe("branch names follow git check-ref-format --branch", () => {
  const names = [
    "main",
    "release/2.0",
    "feature/x-y_z",
    "2.x",
    "kitty/mission-001-a-lane-b",
    "bad..ref",
    "-x",
    "a b",
    "topic.lock",
    "a/.hidden",
    ".hidden",
    "x~1",
    "x^",
    "x:y",
    "x?",
    "x*",
    "x[",
    "x\\y",
    "@{u}",
    "a@{b",
    "a//b",
    "a/",
    "a.",
    "",
    "tab\there",
    "ünïcode",
    "HEAD",
    "a/b.lock/c",
  ];
  test("'@' is refused (git check-ref-format --branch reads it as the current branch; git branch refuses it)", () => {
    expect(branchNameProblem("@")).not.toBeNull();
  });
  test.each(names)("%p agrees with git", (name) => {
    const git = Bun.spawnSync(["git", "check-ref-format", "--branch", name], {
      stderr: "ignore",
      stdout: "ignore",
    });
    expect(branchNameProblem(name) === null).toBe(git.exitCode === 0);
  });
});

describe("schema problems name their line", () => {
  test("jsonLocator maps a value's path to its line", () => {
    const text =
      '{\n  "a": 1,\n  "lanes": [\n    {"lane_id": "x"},\n    {\n      "lane_id": 7\n    }\n  ]\n}\n';
    const locate = jsonLocator(text);
    expect(locate(["a"])).toBe(2);
    expect(locate(["lanes", 0, "lane_id"])).toBe(4);
    expect(locate(["lanes", 1, "lane_id"])).toBe(6);
    expect(locate(["lanes", 1, "missing"])).toBe(5);
  });
});
