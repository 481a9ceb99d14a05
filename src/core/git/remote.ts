/**
 * Facts about remotes, read from what the last fetch left in `refs/remotes/` (no network), plus the
 * two commands that do talk to a remote when a command is asked to (`fetchRemote`, `pushRefs`).
 * Lane branches exist in several clones at once; every question "where is this branch, and is my copy
 * behind?" is answered here.
 */
import { SpecKittyError } from "../errors.ts";
import { hasRemotes } from "./local-config.ts";
import { type GitOptions, type GitResult, runGit } from "./run.ts";

/** How a local branch relates to its copy on the remote (as of the last fetch). */
export type SyncState =
  /** Only here (never pushed, or the remote copy is gone). */
  | "local_only"
  /** Only on the remote: a teammate's branch, never checked out here. */
  | "remote_only"
  | "in_sync"
  /** Local commits the remote does not have (not pushed yet). */
  | "ahead"
  /** The remote has commits the local branch lacks. */
  | "behind"
  /** Both have commits the other lacks. */
  | "diverged"
  /** Neither here nor on the remote. */
  | "missing";

export interface BranchSync {
  branch: string;
  state: SyncState;
  /** The local branch's commit, null when there is none. */
  local: string | null;
  /** The remote compared with (its upstream's remote, else the default remote); null without remotes. */
  remote: string | null;
  /** `<remote>/<branch>` (short form of the remote-tracking ref), null when there is none. */
  remoteRef: string | null;
  remoteSha: string | null;
  /** Commits the local branch has that the remote lacks, and the other way round. */
  ahead: number;
  behind: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The remote a project talks to: the one `branch` (usually the target) tracks, else `origin`, else the
 * only remote there is. Null when the repository has no remote (or several and none is preferred);
 * a repository whose own config shows no remote is told apart without running git.
 */
export function defaultRemote(root: string, branch: string | null, options: GitOptions = {}): string | null {
  if (hasRemotes(root, options.env) === false) return null;
  const pattern = branch
    ? `^(remote\\..+\\.url|branch\\.${escapeRegex(branch)}\\.remote)$`
    : "^remote\\..+\\.url$";
  const out = runGit(root, ["config", "--get-regexp", pattern], options);
  if (out.code !== 0) return null;
  const remotes: string[] = [];
  let tracked: string | null = null;
  for (const line of out.stdout.split("\n")) {
    const space = line.indexOf(" ");
    if (space === -1) continue;
    const key = line.slice(0, space);
    if (key.startsWith("branch.")) tracked = line.slice(space + 1).trim();
    else remotes.push(key.slice("remote.".length, -".url".length));
  }
  if (tracked && tracked !== "." && remotes.includes(tracked)) return tracked;
  if (remotes.includes("origin")) return "origin";
  return remotes.length === 1 ? (remotes[0] as string) : null;
}

/** `git rev-list --left-right --count a...b`: commits only in `a`, commits only in `b`. */
export function aheadBehind(root: string, a: string, b: string, options: GitOptions = {}): [number, number] {
  const out = runGit(root, ["rev-list", "--left-right", "--count", `${a}...${b}`], options);
  if (out.code !== 0) return [0, 0];
  const [left = "0", right = "0"] = out.stdout.trim().split(/\s+/);
  return [Number(left), Number(right)];
}

interface RefRow {
  sha: string;
  /** `%(upstream)`: the full remote-tracking ref a local branch is set to follow ('' when none). */
  upstream: string;
}

function readRefs(root: string, patterns: string[], options: GitOptions): Map<string, RefRow> {
  const rows = new Map<string, RefRow>();
  if (patterns.length === 0) return rows;
  const format = "%(refname)%00%(objectname)%00%(upstream)";
  const out = runGit(root, ["for-each-ref", `--format=${format}`, ...patterns], options);
  if (out.code !== 0) return rows;
  for (const line of out.stdout.split("\n")) {
    const [ref, sha, upstream = ""] = line.split("\0");
    if (ref && sha) rows.set(ref, { sha, upstream });
  }
  return rows;
}

/**
 * Where each branch is, here and on `remote`, from ONE `for-each-ref` (plus one `rev-list` per branch
 * whose two copies differ). A branch with an upstream is compared with it; otherwise with
 * `<remote>/<branch>`, the copy a teammate's `git push` leaves there.
 */
export function branchSyncs(
  root: string,
  branches: readonly string[],
  remote: string | null,
  options: GitOptions = {},
): Map<string, BranchSync> {
  const patterns = branches.flatMap((b) => [
    `refs/heads/${b}`,
    ...(remote ? [`refs/remotes/${remote}/${b}`] : []),
  ]);
  const refs = readRefs(root, patterns, options);
  const result = new Map<string, BranchSync>();
  for (const branch of branches) {
    const local = refs.get(`refs/heads/${branch}`) ?? null;
    let trackingRef = local?.upstream.startsWith("refs/remotes/") ? local.upstream : null;
    if (trackingRef && !refs.has(trackingRef)) {
      // An upstream under another remote (or another name): read it on its own.
      const extra = readRefs(root, [trackingRef], options).get(trackingRef);
      if (extra) refs.set(trackingRef, extra);
      else trackingRef = null; // the upstream is gone from the remote
    }
    trackingRef ??=
      remote && refs.has(`refs/remotes/${remote}/${branch}`) ? `refs/remotes/${remote}/${branch}` : null;
    const remoteRow = trackingRef ? (refs.get(trackingRef) ?? null) : null;
    const remoteRef = trackingRef ? trackingRef.slice("refs/remotes/".length) : null;
    const remoteName = remoteRef ? (remoteRef.split("/")[0] as string) : remote;
    let state: SyncState;
    let ahead = 0;
    let behind = 0;
    if (!local && !remoteRow) state = "missing";
    else if (!remoteRow) state = "local_only";
    else if (!local) state = "remote_only";
    else if (local.sha === remoteRow.sha) state = "in_sync";
    else {
      [ahead, behind] = aheadBehind(root, local.sha, remoteRow.sha, options);
      state = ahead > 0 && behind > 0 ? "diverged" : behind > 0 ? "behind" : "ahead";
    }
    result.set(branch, {
      branch,
      state,
      local: local?.sha ?? null,
      remote: remoteName,
      remoteRef,
      remoteSha: remoteRow?.sha ?? null,
      ahead,
      behind,
    });
  }
  return result;
}

/** `branchSyncs` for one branch. */
export function branchSync(
  root: string,
  branch: string,
  remote: string | null,
  options: GitOptions = {},
): BranchSync {
  return branchSyncs(root, [branch], remote, options).get(branch) as BranchSync;
}

/** A short human description: `behind origin/x by 2`, `only on origin`, … */
export function describeSync(sync: BranchSync): string {
  switch (sync.state) {
    case "missing":
      return "not here and not on any remote";
    case "local_only":
      return sync.remote ? `only here (not on ${sync.remote})` : "only here (no remote)";
    case "remote_only":
      return `only on ${sync.remoteRef}`;
    case "in_sync":
      return `same as ${sync.remoteRef}`;
    case "ahead":
      return `${sync.ahead} commit(s) ahead of ${sync.remoteRef}`;
    case "behind":
      return `${sync.behind} commit(s) behind ${sync.remoteRef}`;
    case "diverged":
      return `diverged from ${sync.remoteRef} (${sync.ahead} ahead, ${sync.behind} behind)`;
  }
}

/** Whether `sha` names a commit this repository has (a teammate's commit is absent until fetched). */
export function hasCommit(root: string, sha: string, options: GitOptions = {}): boolean {
  return runGit(root, ["cat-file", "-e", `${sha}^{commit}`], options).code === 0;
}

/**
 * `git fetch <remote>`: the one place spec-kitty reads from the network, and only when a command is
 * asked to (`merge --fetch`). The default refspec, as `git pull` uses it: every branch of the remote.
 */
export function fetchRemote(root: string, remote: string, options: GitOptions = {}): void {
  const result = runGit(root, ["fetch", "--quiet", remote], options);
  if (result.code !== 0) {
    throw new SpecKittyError("FETCH_FAILED", `git fetch ${remote} failed: ${firstLines(result)}`, {
      fix: `check access to ${remote} (\`git fetch ${remote}\`), then run the command again`,
      details: { remote, stderr: result.stderr },
    });
  }
}

function firstLines(result: GitResult): string {
  return result.stderr.trim().split("\n").slice(0, 3).join(" ");
}

/** One `git push <remote> <refspec>…` (leases included); the result whatever the exit code. */
export function pushRefs(root: string, remote: string, args: string[], options: GitOptions = {}): GitResult {
  return runGit(root, ["push", "--quiet", "--porcelain", remote, ...args], options);
}
