/**
 * The release steps after the build, shared by `.github/workflows/release.yml` and its dry-run test:
 *   bun run scripts/release.ts verify  --dir DIR              every asset present, SHA256SUMS right
 *   bun run scripts/release.ts publish --dir DIR --tag vX.Y.Z  a GitHub release holding the assets
 * SPEC_KITTY_RELEASE_TARGETS narrows the expected targets (as it narrows build.ts);
 * SPEC_KITTY_RELEASE_DRY_RUN=1 makes `publish` print the exact `gh` command instead of running it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findTargets, TARGETS, type Target, targetName } from "../build.ts";
import pkg from "../package.json" with { type: "json" };
import { CHANGELOG_FILE, findChangelogEntry } from "../src/core/release/changelog.ts";
import { parseVersion } from "../src/core/release/version.ts";
import {
  archiveName,
  FORMULA_FILE,
  INSTALLER_FILE,
  INSTALLER_SOURCE,
  SCOOP_FILE,
  SUMS_FILE,
} from "./dist/assets.ts";
import { parseSums, sha256File } from "./dist/checksums.ts";

const ROOT = join(import.meta.dir, "..");

function expectedTargets(env: Record<string, string | undefined>): readonly Target[] {
  return env.SPEC_KITTY_RELEASE_TARGETS ? findTargets(env.SPEC_KITTY_RELEASE_TARGETS) : TARGETS;
}

/** The files a release publishes, in upload order. */
export function releaseAssets(targets: readonly Target[]): string[] {
  const archives = targets.map((t) => archiveName({ ...t, name: targetName(t), binary: "" }));
  const formula = targets.some((t) => t.os !== "windows" && !t.variant) ? [FORMULA_FILE] : [];
  const scoop = targets.some((t) => t.os === "windows") ? [SCOOP_FILE] : [];
  return [...archives, SUMS_FILE, ...formula, ...scoop, INSTALLER_FILE];
}

/** Problems with a built release directory (empty when it is complete and its checksums hold). */
export function verifyRelease(dir: string, targets: readonly Target[]): string[] {
  const problems: string[] = [];
  for (const asset of releaseAssets(targets)) {
    if (!existsSync(join(dir, asset))) problems.push(`${asset} is missing`);
  }
  if (!existsSync(join(dir, SUMS_FILE))) return problems;
  const sums = parseSums(readFileSync(join(dir, SUMS_FILE), "utf8"));
  for (const asset of releaseAssets(targets).filter(
    (a) => a !== SUMS_FILE && a !== FORMULA_FILE && a !== SCOOP_FILE,
  )) {
    if (!existsSync(join(dir, asset))) continue;
    if (sums[asset] === undefined) problems.push(`${SUMS_FILE} does not list ${asset}`);
    else if (sums[asset] !== sha256File(join(dir, asset)))
      problems.push(`${SUMS_FILE} has the wrong sha256 for ${asset}`);
  }
  if (
    existsSync(join(dir, INSTALLER_FILE)) &&
    readFileSync(join(dir, INSTALLER_FILE), "utf8") !== readFileSync(INSTALLER_SOURCE, "utf8")
  )
    problems.push(`${INSTALLER_FILE} differs from scripts/${INSTALLER_FILE}`);
  return problems;
}

/** The `gh release create` argv for a tag: the CHANGELOG entry as notes, rc versions as pre-releases. */
export function publishCommand(
  dir: string,
  tag: string,
  targets: readonly Target[],
): { argv: string[]; notes: string } {
  const version = parseVersion(tag.replace(/^v/, ""));
  if (!version || tag !== `v${pkg.version}`) throw new Error(`tag ${tag} is not v${pkg.version}`);
  const entry = findChangelogEntry(readFileSync(join(ROOT, CHANGELOG_FILE), "utf8"), version);
  if (!entry?.populated) throw new Error(`${CHANGELOG_FILE} has no entry for ${pkg.version}`);
  const argv = [
    "gh",
    "release",
    "create",
    tag,
    "--verify-tag",
    "--title",
    `spec-kitty ${pkg.version}`,
    "--notes",
    entry.body,
    ...(version.pre ? ["--prerelease"] : []),
    ...releaseAssets(targets).map((asset) => join(dir, asset)),
  ];
  return { argv, notes: entry.body };
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

if (import.meta.main) {
  const [step] = process.argv.slice(2);
  const dir = resolve(flag("--dir") ?? join(ROOT, "dist"));
  const targets = expectedTargets(process.env);
  if (step === "verify") {
    const problems = verifyRelease(dir, targets);
    for (const p of problems) console.error(`release verify: ${p}`);
    if (problems.length) process.exit(1);
    console.log(`release verify: ${releaseAssets(targets).length} assets in ${dir} are complete`);
  } else if (step === "publish") {
    const tag = flag("--tag");
    if (!tag) throw new Error("publish needs --tag vX.Y.Z");
    const problems = verifyRelease(dir, targets);
    if (problems.length) throw new Error(`refusing to publish: ${problems.join("; ")}`);
    const { argv } = publishCommand(dir, tag, targets);
    if (process.env.SPEC_KITTY_RELEASE_DRY_RUN === "1") {
      console.log(JSON.stringify({ dry_run: true, argv }));
    } else {
      const run = Bun.spawnSync(argv, { stdout: "inherit", stderr: "inherit" });
      process.exit(run.exitCode ?? 1);
    }
  } else {
    console.error("usage: bun run scripts/release.ts verify|publish --dir DIR [--tag vX.Y.Z]");
    process.exit(2);
  }
}
