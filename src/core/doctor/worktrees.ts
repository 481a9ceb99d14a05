/**
 * Worktrees and lane branches that lost their purpose: registered worktrees whose folder is gone
 * (`git worktree prune` forgets them: safe), folders in `.worktrees/` git does not know (removed when
 * empty, else reported), lane worktrees and branches of missions that no longer exist or are done.
 * Removing a worktree or branch with work in it is never automatic.
 */
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { runGit } from "../git/run.ts";
import { listMissions, type MissionRef } from "../mission/resolve.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import type { DoctorContext, Finding } from "./types.ts";

interface Worktree {
  path: string;
  branch: string | null;
  prunable: boolean;
}

function worktrees(ctx: DoctorContext): Worktree[] {
  const result = runGit(ctx.root, ["worktree", "list", "--porcelain"], { env: ctx.env });
  if (result.code !== 0) return [];
  return result.stdout
    .split("\n\n")
    .map((block) => ({
      path: /^worktree (.+)$/m.exec(block)?.[1] ?? "",
      branch: /^branch refs\/heads\/(.+)$/m.exec(block)?.[1] ?? null,
      prunable: /^prunable/m.test(block),
    }))
    .filter((w) => w.path !== "");
}

/** The mission a lane branch (`kitty/mission-<slug>-lane-x`) belongs to, or null. */
function missionOfBranch(branch: string, missions: readonly MissionRef[]): MissionRef | null {
  if (!branch.startsWith("kitty/mission-")) return null;
  const rest = branch.slice("kitty/mission-".length);
  return (
    [...missions]
      .sort((a, b) => b.slug.length - a.slug.length)
      .find((m) => rest === m.slug || rest.startsWith(`${m.slug}-lane-`)) ?? null
  );
}

function isDone(mission: MissionRef): boolean {
  try {
    const lanes = Object.values(loadSnapshot(mission).work_packages).map((wp) => wp.lane);
    return lanes.length > 0 && lanes.every((lane) => lane === "done" || lane === "canceled");
  } catch {
    return false;
  }
}

export function checkWorktrees(ctx: DoctorContext): Finding[] {
  if (!ctx.isGit) return [];
  const findings: Finding[] = [];
  let missions: MissionRef[] = [];
  try {
    missions = listMissions(ctx.root);
  } catch {
    // a broken mission is reported elsewhere; judge branches against none
  }
  const list = worktrees(ctx);
  const rootReal = realpathSync(ctx.root);
  const shown = (path: string) => (path.startsWith(`${rootReal}/`) ? relative(rootReal, path) : path);
  for (const w of list.filter((x) => x.prunable)) {
    findings.push({
      check: "worktrees",
      severity: "warning",
      message: `git still lists worktree ${shown(w.path)}${w.branch ? ` (${w.branch})` : ""}, but its folder is gone`,
      subject: shown(w.path),
      fix: "git worktree prune",
      autoFix: "prune_worktrees",
    });
  }
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  const registered = new Set(list.map((w) => real(w.path)));
  const dir = join(ctx.root, ".worktrees");
  const listed = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
  for (const entry of listed.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const { name } = entry;
    const path = join(dir, name);
    if (registered.has(real(path))) continue;
    // Only a real folder is looked into (and, when empty, removed); a file or link is just named.
    const folder = entry.isDirectory();
    const empty = folder && readdirSync(path).length === 0;
    const what = !folder
      ? ` (a ${entry.isSymbolicLink() ? "symlink" : "file"}); look before removing it`
      : empty
        ? " (an empty leftover folder)"
        : " and holds files; look before removing it";
    findings.push({
      check: "worktrees",
      severity: "warning",
      message: `.worktrees/${name} is not a git worktree${what}`,
      subject: relative(ctx.root, path),
      ...(empty
        ? { fix: `rmdir ${relative(ctx.root, path)}`, autoFix: "remove_empty_worktree_dir" as const }
        : {}),
    });
  }
  for (const w of list.slice(1).filter((x) => !x.prunable && x.branch?.startsWith("kitty/mission-"))) {
    const mission = missionOfBranch(w.branch as string, missions);
    if (mission && !isDone(mission)) continue;
    findings.push({
      check: "worktrees",
      severity: "warning",
      message: mission
        ? `worktree ${relative(ctx.root, w.path)} belongs to ${mission.slug}, which is done`
        : `worktree ${relative(ctx.root, w.path)} is on ${w.branch}, a lane of no mission in kitty-specs/`,
      subject: relative(ctx.root, w.path),
      fix: `git worktree remove ${relative(ctx.root, w.path)}`,
    });
  }
  const branches = runGit(ctx.root, ["for-each-ref", "--format=%(refname:short)", "refs/heads/kitty/"], {
    env: ctx.env,
  });
  const checkedOut = new Set(list.map((w) => w.branch));
  const laneBranches =
    branches.code === 0 ? branches.stdout.split("\n").filter((b) => b.startsWith("kitty/mission-")) : [];
  for (const branch of laneBranches) {
    if (checkedOut.has(branch)) continue;
    const mission = missionOfBranch(branch, missions);
    if (mission && !isDone(mission)) continue;
    findings.push({
      check: "lane_branches",
      severity: "info",
      message: mission
        ? `branch ${branch} is left over from ${mission.slug}, which is done`
        : `branch ${branch} belongs to no mission`,
      subject: branch,
      fix: `git branch -d ${branch}`,
    });
  }
  return findings;
}
