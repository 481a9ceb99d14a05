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
import { readTextFile } from "../fs/text.ts";
import type { CommitOutcome } from "../git/commit.ts";
import { isGitRepo } from "../git/facts.ts";
import { runGit } from "../git/run.ts";
import { lanesPath, missionBranchName } from "../lanes/file.ts";
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
    const dest = join(specsDir(root), to);
    if (existsSync(dest))
      throw new SpecKittyError("MISSION_NUMBER_TAKEN", `kitty-specs/${to} exists already`, {});
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
    return { number, to, dest };
  });
  const metaFile = join(moved.dest, "meta.json");
  const meta = readMissionMeta(metaFile, `kitty-specs/${moved.to}/meta.json`);
  const previous = meta.mission_number;
  const number =
    typeof previous === "number" ? Number(moved.number) : previous === null ? null : moved.number;
  writeFileAtomic(
    metaFile,
    serializeMissionMeta({
      ...meta,
      ...(previous !== undefined || meta.mission_id ? { mission_number: number } : {}),
      slug: renamed(meta.slug, slug, moved.to) as string,
      mission_slug: renamed(meta.mission_slug, slug, moved.to) as string,
      ...(meta.feature_slug !== undefined
        ? { feature_slug: renamed(meta.feature_slug, slug, moved.to) }
        : {}),
    }),
  );
  const renamedRef = missionRefAt(root, moved.dest);
  const lanes = lanesPath(renamedRef);
  if (existsSync(lanes)) {
    // Byte-for-byte except the two names (the file keeps its key order and escaping).
    const text = readTextFile(lanes, `kitty-specs/${moved.to}/lanes.json`)
      .replace(`"mission_slug": "${slug}"`, `"mission_slug": "${moved.to}"`)
      .replace(
        `"mission_branch": "${missionBranchName(slug)}"`,
        `"mission_branch": "${missionBranchName(moved.to)}"`,
      );
    writeFileAtomic(lanes, text);
  }
  await materialize(renamedRef);
  const commit = autoCommit
    ? commitRename(root, relative(root, mission.dir), relative(root, moved.dest), env)
    : null;
  return { from: slug, to: moved.to, number: moved.number, commit };
}

/** Commits exactly the rename: the old folder's removal and the new folder (nothing else staged). */
function commitRename(
  root: string,
  from: string,
  to: string,
  env: Record<string, string | undefined>,
): CommitOutcome {
  const add = runGit(root, ["add", "--force", "--", to], { env });
  if (add.code !== 0)
    return { committed: false, hash: null, warning: `git add failed: ${add.stderr.trim()}` };
  const message = `chore: Renumber mission ${from.replace(/^kitty-specs\//, "")} to ${to.replace(/^kitty-specs\//, "")}`;
  const commit = runGit(
    root,
    ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message, "--", from, to],
    {
      env,
    },
  );
  if (commit.code !== 0) {
    const why = (commit.stderr.trim() || commit.stdout.trim()).split("\n")[0];
    return { committed: false, hash: null, warning: `renamed but not committed: ${why}` };
  }
  return { committed: true, hash: runGit(root, ["rev-parse", "HEAD"], { env }).stdout.trim(), warning: null };
}
