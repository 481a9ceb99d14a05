/**
 * `spec-kitty mission renumber`: gives a mission a new display number (two clones created `002-…` at
 * once). The directory is renamed (`git mv` when tracked), meta.json's number and slug follow, and so
 * do lanes.json's slug and branch names; `mission_id` (the identity) and the event log never change
 * (events keep the slug they were written with: rewriting one would make two clones' copies of the
 * same event differ). Lane branches and worktrees are named after the directory, so a mission that
 * has any (here, or on the remote as far as the last fetch knows) is refused: renumber before work
 * starts, or keep the number (it is only for display).
 */
import { existsSync, readdirSync, renameSync } from "node:fs";
import { join, relative } from "node:path";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import { checkDestinations, containedPath } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import { isGitRepo } from "../git/facts.ts";
import { runGit } from "../git/run.ts";
import { formatLanesJson, lanesPath, missionBranchName, readLanes } from "../lanes/file.ts";
import { readMissionMeta, serializeMissionMeta } from "../mission/meta-file.ts";
import { nextMissionNumber, remoteMissionNames } from "../mission/number.ts";
import { type MissionRef, missionDirsIn, missionRefAt, specsDir } from "../mission/resolve.ts";
import { repoLockPath } from "../project.ts";
import { materialize } from "../status/materialize.ts";

export interface RenumberOutcome {
  from: string;
  to: string;
  number: string;
  commit: CommitOutcome | null;
}

const NUMBERED = /^(\d{3,})-(.+)$/;

/** Branches and worktrees named after the mission: `kitty/mission-<slug>` and its lanes. */
function laneArtifacts(root: string, slug: string, env: Record<string, string | undefined>): string[] {
  const found: string[] = [];
  if (isGitRepo(root, { env })) {
    const out = runGit(
      root,
      ["for-each-ref", "--format=%(refname:short)", "refs/heads/kitty/", "refs/remotes/"],
      { env },
    ).stdout;
    const mission = missionBranchName(slug);
    for (const ref of out.split("\n")) {
      const branch = ref.replace(/^[^/]+\/(?=kitty\/)/, "");
      if (branch === mission || branch.startsWith(`${mission}-lane-`)) found.push(ref);
    }
  }
  const worktrees = join(root, ".worktrees");
  if (existsSync(worktrees))
    for (const name of readdirSync(worktrees))
      if (name.startsWith(`${slug}-`)) found.push(`.worktrees/${name}`);
  return found;
}

function checkNumber(value: string): string {
  if (!/^\d{1,6}$/.test(value.trim())) {
    throw new SpecKittyError("INVALID_MISSION_NUMBER", `--number '${value}' is not a mission number`, {
      exitCode: 2,
      fix: "pass digits, e.g. --number 7 or --number 007",
    });
  }
  return String(Number(value)).padStart(3, "0");
}

/** The same value with `old` replaced by `next` when it was exactly `old`. */
const renamed = (value: string | undefined, old: string, next: string) => (value === old ? next : value);

export async function renumberMission(
  mission: MissionRef,
  opts: { number?: string; env: Record<string, string | undefined> },
): Promise<RenumberOutcome> {
  const { root, slug } = mission;
  const { env } = opts;
  const parts = NUMBERED.exec(slug);
  if (!parts) {
    throw new SpecKittyError("MISSION_NOT_NUMBERED", `${slug} has no number in its name to change`, {
      fix: "only `NNN-<slug>` missions carry a display number; this one is named by its mission_id",
    });
  }
  const artifacts = laneArtifacts(root, slug, env);
  if (artifacts.length > 0) {
    throw new SpecKittyError(
      "MISSION_HAS_LANES",
      `${slug} has lane branches or worktrees named after it (${artifacts.slice(0, 4).join(", ")}); renaming would strand them`,
      {
        fix: "keep the number (it is only for display; mission_id is the identity), or merge the mission first",
        details: { artifacts },
      },
    );
  }
  const target = typeof mission.meta.target_branch === "string" ? mission.meta.target_branch : null;
  const taken = remoteMissionNames(root, target, { env });
  const autoCommit = autoCommitEnabled(root);
  const moved = await withLock(repoLockPath(root, "mission-number"), () => {
    const number = opts.number === undefined ? nextMissionNumber(root, taken) : checkNumber(opts.number);
    const used = [...missionDirsIn(specsDir(root)), ...taken].filter((name) => name !== slug);
    const clash = used.find(
      (name) => NUMBERED.exec(name)?.[1] === number || Number(NUMBERED.exec(name)?.[1]) === Number(number),
    );
    if (clash) {
      throw new SpecKittyError("MISSION_NUMBER_TAKEN", `number ${number} is taken by ${clash}`, {
        fix: `leave out --number to take the next free one (${nextMissionNumber(root, taken)})`,
      });
    }
    const to = `${number}-${parts[2]}`;
    const from = mission.dir;
    const dest = containedPath(root, join(specsDir(root), to));
    if (existsSync(dest))
      throw new SpecKittyError("MISSION_NUMBER_TAKEN", `kitty-specs/${to} exists already`, {});
    // Everything is read, checked and rendered before the folder moves: a bad meta.json or
    // lanes.json is an error that leaves the mission as it was, never a half-renamed one.
    const files = renamedFiles(mission, to, number);
    checkDestinations(
      root,
      files.map((file) => join(from, file.name)),
    );
    const tracked =
      isGitRepo(root, { env }) &&
      runGit(root, ["ls-files", "--error-unmatch", "--", relative(root, from)], { env }).code === 0;
    if (tracked) {
      const mv = runGit(root, ["mv", "--", relative(root, from), relative(root, dest)], { env });
      if (mv.code !== 0) {
        throw new SpecKittyError("RENAME_FAILED", `git mv failed: ${mv.stderr.trim()}`, {
          fix: "check `git status` for a conflict in the mission folder, then try again",
        });
      }
    } else renameSync(from, dest);
    for (const file of files) writeFileAtomic(join(dest, file.name), file.text);
    return { number, to, dest, tracked };
  });
  await materialize(missionRefAt(root, moved.dest));
  const fromPath = relative(root, mission.dir);
  const toPath = relative(root, moved.dest);
  const commit = autoCommit
    ? commitOwnFiles(
        root,
        [toPath],
        `chore: Renumber mission ${slug} to ${moved.to}`,
        env,
        moved.tracked ? [fromPath] : [],
      )
    : null;
  return { from: slug, to: moved.to, number: moved.number, commit };
}

/**
 * meta.json and lanes.json as they read once the folder is `to`: the number and the slugs follow,
 * everything else is kept. Both are read with their own (validating) readers, so a malformed file
 * throws here, before anything moved.
 */
function renamedFiles(mission: MissionRef, to: string, next: string): { name: string; text: string }[] {
  const { slug } = mission;
  const meta = readMissionMeta(
    containedPath(mission.root, join(mission.dir, "meta.json")),
    `kitty-specs/${slug}/meta.json`,
  );
  const previous = meta.mission_number;
  // The number keeps the type it had (3.0 wrote an integer, later eras a string, some null).
  const number = typeof previous === "number" ? Number(next) : previous === null ? null : next;
  const files = [
    {
      name: "meta.json",
      text: serializeMissionMeta({
        ...meta,
        ...(previous !== undefined || meta.mission_id ? { mission_number: number } : {}),
        slug: renamed(meta.slug, slug, to) as string,
        mission_slug: renamed(meta.mission_slug, slug, to) as string,
        ...(meta.feature_slug !== undefined ? { feature_slug: renamed(meta.feature_slug, slug, to) } : {}),
      }),
    },
  ];
  if (readLanes(mission) !== null) {
    const name = `kitty-specs/${slug}/lanes.json`;
    // Validated above; re-read as a plain document so every key (and its order) is kept.
    const doc = parseJson(readTextFile(lanesPath(mission), name), name) as Record<string, unknown>;
    for (const key of ["mission_slug", "feature_slug"]) if (doc[key] === slug) doc[key] = to;
    if (doc.mission_branch === missionBranchName(slug)) doc.mission_branch = missionBranchName(to);
    files.push({ name: "lanes.json", text: formatLanesJson(doc) });
  }
  return files;
}
