/**
 * `release prep`: a draft for a human — the next version for a channel and a CHANGELOG block built from
 * the missions finished since the last release tag. Reads only; never writes a file.
 */
import { SpecKittyError } from "../errors.ts";
import { type CompletedMission, completedMissions, SECTIONS } from "./completed-missions.ts";
import { readProjectVersions } from "./project-version.ts";
import { tagDate, versionTagsIfGit } from "./tags.ts";
import { type Channel, proposeVersion } from "./version.ts";

export interface PrepOptions {
  root: string;
  channel: Channel;
  /** "Today", injected so tests (and reproducible builds) control the date in the heading. */
  now: Date;
  env?: Record<string, string | undefined>;
}

export interface PrepResult {
  channel: Channel;
  current_version: string;
  version_file: string;
  proposed_version: string;
  since_tag: string | null;
  since: string | null;
  changelog_block: string;
  missions: CompletedMission[];
  mission_slug_list: string[];
  structured_inputs: { version: string; tag_name: string; release_title: string; release_notes_body: string };
}

function renderBlock(
  version: string,
  date: string,
  missions: CompletedMission[],
  sinceTag: string | null,
): string {
  const lines = [`## [${version}] - ${date}`, ""];
  if (missions.length === 0) {
    lines.push(
      "### Changed",
      "",
      `- No missions were accepted or merged since ${sinceTag ?? "the start"}; describe the changes by hand.`,
      "",
    );
  }
  for (const section of SECTIONS) {
    const inSection = missions.filter((m) => m.section === section);
    if (inSection.length === 0) continue;
    lines.push(`### ${section}`, "");
    for (const m of inSection) {
      lines.push(`- ${m.friendly_name} (\`${m.slug}\`)`);
      for (const wp of m.work_packages) lines.push(`  - ${wp.id}: ${wp.title}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

export function prepRelease(options: PrepOptions): PrepResult {
  const { root, channel } = options;
  const sources = readProjectVersions(root);
  const primary = sources[0];
  if (!primary) {
    throw new SpecKittyError("NO_PROJECT_VERSION", `no project version in ${root}`, {
      fix: "add a version to package.json, pyproject.toml [project] or Cargo.toml [package]",
    });
  }
  if (!primary.version) {
    throw new SpecKittyError(
      "MALFORMED_VERSION",
      `${primary.file}${primary.line ? ` line ${primary.line}` : ""}: ${primary.value} is not a valid version`,
      {
        fix: "write a version like 3.1.1, 3.1.1-rc.1 or 3.1.1rc1",
      },
    );
  }
  const style = primary.file === "pyproject.toml" ? "pep440" : "semver";
  const proposed = proposeVersion(primary.version, channel, style);
  // The last release is the highest version tag (not the newest by date: a backport tag is not "last").
  const last = versionTagsIfGit(root, options.env)?.[0] ?? null;
  const since = last ? tagDate(root, last.tag, options.env) : null;
  const missions = completedMissions(root, since);
  const date = options.now.toISOString().slice(0, 10);
  const block = renderBlock(proposed, date, missions, last?.tag ?? null);
  return {
    channel,
    current_version: primary.value,
    version_file: primary.file,
    proposed_version: proposed,
    since_tag: last?.tag ?? null,
    since: since?.toISOString() ?? null,
    changelog_block: block,
    missions,
    mission_slug_list: missions.map((m) => m.slug),
    structured_inputs: {
      version: proposed,
      tag_name: `v${proposed}`,
      release_title: `Release v${proposed}`,
      release_notes_body: block,
    },
  };
}
