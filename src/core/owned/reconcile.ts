/**
 * Where each owned file stands: the disk compared with the manifest (what spec-kitty wrote) and the
 * plan (what this binary would write now). Pure apart from reading the files; the commands decide what
 * to do about each state through a policy, and `apply.ts` does it.
 */
import { existsSync, lstatSync } from "node:fs";
import { SpecKittyError } from "../errors.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { entryFor, type OwnedEntry, type OwnedFilesManifest, sha256 } from "./manifest.ts";
import { merge3 } from "./merge3.ts";
import type { OwnedFile } from "./plan.ts";
import { upstreamSkillHashes } from "./upstream-skills.ts";

export type FileState =
  /** On disk exactly as planned. */
  | "current"
  /** Planned, not on disk, never recorded: a file this binary adds. */
  | "new"
  /** Recorded, planned, gone from disk (deleted by someone). */
  | "missing"
  /** Recorded and unedited, but this binary writes different bytes now. */
  | "outdated"
  /** Edited by the user; this binary has nothing new for it. */
  | "edited"
  /** Edited by the user, and this binary writes different bytes now. */
  | "edited_outdated"
  /** Planned, on disk with other bytes, never recorded: written by someone else or an older spec-kitty. */
  | "untracked"
  /** Recorded, no longer planned (its agent was removed, or the command retired), unedited. */
  | "unwanted"
  /** Recorded, no longer planned, edited by the user. */
  | "unwanted_edited"
  /** Recorded, no longer planned, already gone. */
  | "gone";

export interface FileReport {
  path: string;
  state: FileState;
  /** Agents the file serves (planned), or served (recorded). */
  agents: string[];
  planned: OwnedFile | null;
  entry: OwnedEntry | null;
  /** The bytes on disk, or null when absent. */
  disk: string | null;
  /**
   * An untracked file some spec-kitty generated and nobody edited as far as can be told: it carries the
   * command version marker, or upstream 3.2's skills manifest records exactly its bytes.
   */
  generated: boolean;
}

/** Upstream's ownership rule for command files: a version marker within the first 20 lines. */
export function hasVersionMarker(text: string): boolean {
  return text.split("\n", 20).some((line) => line.includes("spec-kitty-command-version:"));
}

function readDisk(root: string, path: string): string | null {
  const abs = resolveInside(root, path);
  if (!existsSync(abs)) return null;
  if (!lstatSync(abs).isFile()) {
    throw new SpecKittyError("NOT_A_FILE", `${path} is not a regular file`, {
      fix: `move ${path} aside; spec-kitty keeps a command file there`,
      details: { path },
    });
  }
  return readTextFile(abs, path);
}

function classify(planned: OwnedFile | null, entry: OwnedEntry | null, disk: string | null): FileState {
  if (planned) {
    if (disk === planned.content) return "current";
    if (!entry) return disk === null ? "new" : "untracked";
    if (disk === null) return "missing";
    const unedited = sha256(disk) === entry.sha256;
    if (entry.base === planned.content) return unedited ? "current" : "edited";
    return unedited ? "outdated" : "edited_outdated";
  }
  if (!entry) throw new Error("classify needs a planned file or a manifest entry");
  if (disk === null) return "gone";
  return sha256(disk) === entry.sha256 ? "unwanted" : "unwanted_edited";
}

/** Every file in the plan or the manifest, classified, sorted by path. */
export function inspectOwned(
  root: string,
  planned: readonly OwnedFile[],
  manifest: OwnedFilesManifest | null,
): FileReport[] {
  const plan = new Map(planned.map((file) => [file.path, file]));
  const recorded = new Map((manifest?.files ?? []).map((entry) => [entry.path, entry]));
  const paths = [...new Set([...plan.keys(), ...recorded.keys()])].sort();
  const upstream = upstreamSkillHashes(root);
  return paths.map((path) => {
    const file = plan.get(path) ?? null;
    const entry = recorded.get(path) ?? null;
    const disk = readDisk(root, path);
    const state = classify(file, entry, disk);
    return {
      path,
      state,
      agents: file?.agents ?? entry?.agents ?? [],
      planned: file,
      entry,
      disk,
      generated:
        state === "untracked" &&
        disk !== null &&
        (hasVersionMarker(disk) || upstream.get(path) === sha256(disk)),
    };
  });
}

/** What to do with one file. `backup` saves the disk bytes first; `record` is its manifest entry after. */
type Action =
  | { kind: "write"; path: string; content: string; record: OwnedEntry; backup: boolean; why: string }
  | { kind: "delete"; path: string; backup: boolean; why: string }
  | { kind: "record"; path: string; record: OwnedEntry | null; why: string }
  | { kind: "keep"; path: string; why: string; conflict: boolean };

/** What to do with one file, and the state that led there (for reports). */
export type FileAction = Action & { state: FileState; agents: string[] };

export interface Policy {
  /** Recreate recorded files that were deleted. */
  restoreMissing: boolean;
  /** Replace edited files (with a backup) instead of keeping them. */
  force: boolean;
  /** Merge this binary's changes into edited files (three-way, against the recorded base). */
  mergeEdited: boolean;
  /** Replace untracked files some spec-kitty generated (with a backup). */
  replaceGenerated: boolean;
  /** Delete recorded files nobody plans any more (only when unedited). */
  removeUnwanted: boolean;
}

/** The action for one file under a policy. Every decision that could lose user bytes keeps them. */
export function decide(report: FileReport, policy: Policy): FileAction {
  return { ...choose(report, policy), state: report.state, agents: report.agents };
}

function choose(report: FileReport, policy: Policy): Action {
  const { path, planned, entry, disk } = report;
  const write = (content: string, record: OwnedEntry, why: string, backup = false): Action => ({
    kind: "write",
    path,
    content,
    record,
    backup,
    why,
  });
  const keep = (why: string, conflict = false): Action => ({ kind: "keep", path, why, conflict });
  switch (report.state) {
    case "current": {
      const record = entryFor(planned as OwnedFile);
      const same = entry?.sha256 === record.sha256 && entry.agents.join() === record.agents.join();
      return same ? keep("up to date") : { kind: "record", path, record, why: "recorded as spec-kitty's" };
    }
    case "new":
      return write((planned as OwnedFile).content, entryFor(planned as OwnedFile), "created");
    case "missing":
      return policy.restoreMissing
        ? write((planned as OwnedFile).content, entryFor(planned as OwnedFile), "restored (was deleted)")
        : keep("missing (deleted); `spec-kitty agent config sync` restores it");
    case "outdated":
      return write((planned as OwnedFile).content, entryFor(planned as OwnedFile), "updated");
    case "edited":
      if (policy.force)
        return write(
          (planned as OwnedFile).content,
          entryFor(planned as OwnedFile),
          "replaced your edits",
          true,
        );
      return keep("edited by you; kept");
    case "edited_outdated": {
      const file = planned as OwnedFile;
      if (policy.force) return write(file.content, entryFor(file), "replaced your edits", true);
      if (!policy.mergeEdited) return keep("edited by you, and spec-kitty has a newer version; kept");
      const merged = merge3((entry as OwnedEntry).base, disk as string, file.content);
      if (merged.clean)
        return write(merged.text, entryFor(file), "merged spec-kitty's changes into your edits");
      return keep(
        `edited by you, and spec-kitty's new version conflicts with your edits in ${merged.conflicts} place(s); kept as is`,
        true,
      );
    }
    case "untracked": {
      const file = planned as OwnedFile;
      if (policy.force || (policy.replaceGenerated && report.generated))
        return write(
          file.content,
          entryFor(file),
          report.generated ? "replaced an older spec-kitty's file" : "replaced",
          true,
        );
      return keep(
        report.generated
          ? "written by an older spec-kitty and not recorded; kept (`spec-kitty upgrade` replaces it, with a backup)"
          : "exists and was not written by spec-kitty; kept",
        true,
      );
    }
    case "unwanted":
      return policy.removeUnwanted
        ? { kind: "delete", path, backup: false, why: "removed (no longer used)" }
        : keep("no longer used");
    case "unwanted_edited":
      return policy.removeUnwanted
        ? { kind: "record", path, record: null, why: "no longer used, but edited by you; kept and forgotten" }
        : keep("no longer used, edited by you");
    case "gone":
      return { kind: "record", path, record: null, why: "already gone" };
  }
}
