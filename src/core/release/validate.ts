/**
 * The release gate: do the project version(s), `.kittify/metadata.yaml`, `CHANGELOG.md` and (in tag
 * mode) the git tag tell one story? Every problem is collected (not just the first) and each one quotes
 * the files, lines and values involved, so a failing CI log says exactly what to edit.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readTextFile } from "../fs/text.ts";
import { CHANGELOG_FILE, findChangelogEntry } from "./changelog.ts";
import { describe, type Located, readProjectVersions, type VersionSource } from "./project-version.ts";
import { METADATA_FILE, readSpecKittyFacts } from "./spec-kitty-version.ts";
import { tagsAtHead, tagVersion, versionTags } from "./tags.ts";
import { compareVersions, parseVersion, sameVersion } from "./version.ts";

export type ReleaseMode = "branch" | "tag";

export interface Problem {
  code: string;
  message: string;
  fix: string;
  locations: Located[];
}

export interface ValidateOptions {
  root: string;
  mode: ReleaseMode;
  tag?: string;
  /** The running binary's version (src/version.ts), for the version-skew check. */
  binaryVersion: string;
  env?: Record<string, string | undefined>;
}

export interface ValidateReport {
  ok: boolean;
  mode: ReleaseMode;
  root: string;
  version: string | null;
  tag: string | null;
  sources: Located[];
  spec_kitty: { metadata: Located | null; tied_to_project: boolean; binary_version: string };
  changelog: { file: string; line: number | null };
  problems: Problem[];
}

const strip = ({ file, line, value }: Located): Located => ({ file, line, value });

/** The tag under validation: `--tag`, then CI's ref, then the single `v*` tag at HEAD. */
function findTag(options: ValidateOptions): string | null {
  if (options.tag) return options.tag;
  const env = options.env ?? {};
  const refName = env.GITHUB_REF_NAME;
  if (refName && tagVersion(refName)) return refName;
  const ref = env.GITHUB_REF;
  if (ref?.startsWith("refs/tags/")) return ref.slice("refs/tags/".length);
  const atHead = tagsAtHead(options.root, options.env);
  return atHead.length === 1 ? (atHead[0] as string) : null;
}

export function validateRelease(options: ValidateOptions): ValidateReport {
  const { root, mode } = options;
  const problems: Problem[] = [];
  const add = (code: string, message: string, fix: string, locations: Located[]) =>
    problems.push({ code, message, fix, locations: locations.map(strip) });

  // 1. The project version: every manifest that declares one, all valid, all equal.
  const sources = readProjectVersions(root);
  for (const s of sources.filter((s) => !s.version)) {
    add(
      "MALFORMED_VERSION",
      `${describe(s)} is not a valid version (semver or PEP 440)`,
      `write a version like 3.1.1, 3.1.1-rc.1 or 3.1.1rc1 in ${s.file}`,
      [s],
    );
  }
  const valid = sources.filter(
    (s): s is VersionSource & { version: NonNullable<VersionSource["version"]> } => !!s.version,
  );
  const primary = valid[0] ?? null;
  if (sources.length === 0) {
    add(
      "NO_PROJECT_VERSION",
      `no project version: none of package.json, pyproject.toml, Cargo.toml declares one in ${root}`,
      "add a version to package.json, pyproject.toml [project] or Cargo.toml [package]",
      [],
    );
  }
  for (const other of valid.slice(1)) {
    if (primary && !sameVersion(primary.version, other.version)) {
      add(
        "PROJECT_VERSION_MISMATCH",
        `project versions disagree: ${describe(primary)} vs ${describe(other)}`,
        `make ${primary.file} and ${other.file} declare the same version`,
        [primary, other],
      );
    }
  }

  // 2. spec-kitty's own record of the version.
  const facts = readSpecKittyFacts(root);
  const binary = parseVersion(options.binaryVersion);
  if (facts.metadata && !facts.metadata.version) {
    add(
      "MALFORMED_VERSION",
      `${describe(facts.metadata)} is not a valid version (semver or PEP 440)`,
      `write a valid spec_kitty.version in ${METADATA_FILE}`,
      [facts.metadata],
    );
  }
  if (facts.tiedAt) {
    if (!facts.metadata) {
      add(
        "METADATA_VERSION_MISSING",
        `${METADATA_FILE}: file missing, but ${describe(facts.tiedAt)} says the project version is the spec-kitty version`,
        `set spec_kitty.version in ${METADATA_FILE} to ${primary?.value ?? "the project version"}`,
        [facts.tiedAt],
      );
    } else if (primary && facts.metadata.version && !sameVersion(primary.version, facts.metadata.version)) {
      add(
        "METADATA_VERSION_MISMATCH",
        `spec-kitty version mismatch: ${describe(primary)} vs ${describe(facts.metadata)}`,
        `set spec_kitty.version in ${METADATA_FILE} to ${primary.value} (or fix ${primary.file})`,
        [primary, facts.metadata],
      );
    }
  } else if (facts.metadata?.version && binary && compareVersions(facts.metadata.version, binary) > 0) {
    add(
      "METADATA_NEWER_THAN_BINARY",
      `version skew: ${describe(facts.metadata)} is newer than this spec-kitty (${options.binaryVersion})`,
      `upgrade spec-kitty to ${facts.metadata.value} or newer`,
      [facts.metadata],
    );
  }

  // 3. The CHANGELOG entry for the project version.
  let changelogLine: number | null = null;
  const changelogPath = join(root, CHANGELOG_FILE);
  if (primary) {
    if (!existsSync(changelogPath)) {
      add(
        "CHANGELOG_MISSING",
        `${CHANGELOG_FILE}: file missing (needed for ${describe(primary)})`,
        `create ${CHANGELOG_FILE} with a '## [${primary.value}]' entry`,
        [primary],
      );
    } else {
      const entry = findChangelogEntry(readTextFile(changelogPath, CHANGELOG_FILE), primary.version);
      changelogLine = entry?.line ?? null;
      if (!entry) {
        add(
          "CHANGELOG_ENTRY_MISSING",
          `${CHANGELOG_FILE} has no '## [${primary.value}]' entry for ${describe(primary)}`,
          `add a '## [${primary.value}] - <date>' section describing the release to ${CHANGELOG_FILE}`,
          [primary],
        );
      } else if (!entry.populated) {
        const at = { file: CHANGELOG_FILE, line: entry.line, value: entry.heading };
        add(
          "CHANGELOG_ENTRY_EMPTY",
          `${describe(at)} has an empty body`,
          `describe the changes of ${primary.value} under that heading`,
          [at],
        );
      }
    }
  }

  // 4. Tag mode: the tag names this version and moves forward.
  const tag = mode === "tag" ? findTag(options) : (options.tag ?? null);
  if (mode === "tag") checkTag(tag, primary, options, add);

  return {
    ok: problems.length === 0,
    mode,
    root,
    version: primary?.value ?? null,
    tag,
    sources: sources.map(strip),
    spec_kitty: {
      metadata: facts.metadata ? strip(facts.metadata) : null,
      tied_to_project: facts.tiedAt !== null,
      binary_version: options.binaryVersion,
    },
    changelog: { file: CHANGELOG_FILE, line: changelogLine },
    problems,
  };
}

type Add = (code: string, message: string, fix: string, locations: Located[]) => void;

function checkTag(
  tag: string | null,
  primary: (VersionSource & { version: NonNullable<VersionSource["version"]> }) | null,
  options: ValidateOptions,
  add: Add,
): void {
  if (!tag) {
    add(
      "TAG_MISSING",
      "tag mode needs a tag: pass --tag vX.Y.Z (no GITHUB_REF_NAME, no single v* tag at HEAD)",
      "run with --tag v<version>",
      [],
    );
    return;
  }
  const at: Located = { file: "tag", line: undefined, value: tag };
  const version = tagVersion(tag);
  if (!version) {
    add(
      "MALFORMED_TAG",
      `tag ${tag} is not 'v' followed by a valid version`,
      "use a tag like v3.1.1 or v3.1.1-rc.1",
      [at],
    );
    return;
  }
  if (primary && (tag !== `v${primary.value}` || !sameVersion(version, primary.version))) {
    add(
      "TAG_MISMATCH",
      `tag ${tag} does not match ${describe(primary)} (expected v${primary.value})`,
      `tag the release as v${primary.value}, or change the project version`,
      [at, primary],
    );
  }
  const earlier = versionTags(options.root, options.env).filter((t) => t.tag !== tag);
  const latest = earlier[0];
  if (latest && compareVersions(version, latest.version) <= 0) {
    add(
      "TAG_NOT_NEWER",
      `tag ${tag} is not newer than the latest earlier tag ${latest.tag}`,
      `release a version above ${latest.version.raw}`,
      [at, { file: "tag", line: undefined, value: latest.tag }],
    );
  }
}
