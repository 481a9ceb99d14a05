/**
 * Release tags from git (`v<version>`). Only tag mode and `prep` ask; branch mode never runs git, so the
 * gate works in a tarball or a fresh machine without it.
 */
import { SpecKittyError } from "../errors.ts";
import { GitMissingError, git, runGit } from "../git/run.ts";
import { compareVersions, parseVersion, type Version } from "./version.ts";

export interface VersionTag {
  tag: string;
  version: Version;
}

export function tagVersion(tag: string): Version | null {
  return tag.startsWith("v") ? parseVersion(tag.slice(1)) : null;
}

/** Every `v*` tag that parses as a version, newest version first. Throws when git is missing. */
export function versionTags(root: string, env?: Record<string, string | undefined>): VersionTag[] {
  const result = runGit(root, ["tag", "--list", "v*"], { env });
  if (result.code !== 0) {
    throw new SpecKittyError("NOT_A_GIT_REPO", `cannot list git tags in ${root}`, {
      fix: "run tag-mode checks inside the git checkout of the project",
      details: { stderr: result.stderr.trim() },
    });
  }
  const tags: VersionTag[] = [];
  for (const tag of result.stdout.split("\n").map((t) => t.trim())) {
    const version = tag ? tagVersion(tag) : null;
    if (version) tags.push({ tag, version });
  }
  return tags.sort((a, b) => compareVersions(b.version, a.version));
}

/** Tags pointing at HEAD (used when tag mode is given no `--tag`). */
export function tagsAtHead(root: string, env?: Record<string, string | undefined>): string[] {
  const result = runGit(root, ["tag", "--points-at", "HEAD", "--list", "v*"], { env });
  return result.code === 0
    ? result.stdout
        .split("\n")
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
}

/** The committer date of a tag's commit, or null if git can't tell. */
export function tagDate(root: string, tag: string, env?: Record<string, string | undefined>): Date | null {
  try {
    const out = git(root, ["log", "-1", "--format=%cI", `refs/tags/${tag}`], { env });
    const date = new Date(out);
    return Number.isNaN(date.getTime()) ? null : date;
  } catch {
    return null;
  }
}

/** versionTags, or null when git is not installed or this is not a repository. */
export function versionTagsIfGit(
  root: string,
  env?: Record<string, string | undefined>,
): VersionTag[] | null {
  try {
    return versionTags(root, env);
  } catch (error) {
    if (error instanceof GitMissingError) return null;
    if (error instanceof SpecKittyError && error.code === "NOT_A_GIT_REPO") return null;
    throw error;
  }
}
