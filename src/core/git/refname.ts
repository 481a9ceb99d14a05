/**
 * Branch names given by users (`--target-branch`) or read from disk (`lanes.json`, `meta.json`) are
 * checked at the boundary with git's own rules (`git check-ref-format --branch`), without spawning git:
 * a bad name would otherwise be stored and fail (or be read as an option) in a later git call.
 */
import { SpecKittyError } from "../errors.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what git refuses.
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/** Why `name` is not a valid branch name, or null when it is (the rules of git-check-ref-format). */
export function branchNameProblem(name: string): string | null {
  if (name === "") return "is empty";
  if (name.startsWith("-")) return "starts with '-'";
  if (name === "@" || name === "HEAD") return `is '${name}', which git reserves`;
  if (FORBIDDEN.test(name)) return "contains a space, a control character or one of ~ ^ : ? * [ \\";
  if (name.includes("..")) return "contains '..'";
  if (name.includes("@{")) return "contains '@{'";
  if (name.includes("//") || name.startsWith("/") || name.endsWith("/")) return "has an empty path component";
  if (name.endsWith(".")) return "ends with '.'";
  for (const part of name.split("/")) {
    if (part.startsWith(".")) return `has a component starting with '.' (${part})`;
    if (part.endsWith(".lock")) return `has a component ending in '.lock' (${part})`;
  }
  // A ref is a file under .git/refs: a component longer than a file name can be is refused by git too.
  if (name.split("/").some((part) => Buffer.byteLength(part) > 250))
    return "has a component longer than 250 bytes";
  return null;
}

/** `name` when it is a valid branch name; otherwise an error naming `where` it came from. */
export function checkBranchName(name: string, where: string, exitCode: 1 | 2 = 1): string {
  const problem = branchNameProblem(name);
  if (problem === null) return name;
  throw new SpecKittyError(
    "INVALID_BRANCH_NAME",
    `${where}: ${JSON.stringify(name)} is not a valid branch name (${problem})`,
    {
      fix: "use a git branch name such as main or release/2.0 (see `git check-ref-format --branch`)",
      details: { branch: name },
      exitCode,
    },
  );
}
