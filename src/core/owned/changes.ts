/**
 * From classified files to the exact changes to make: the file writes and deletes a policy calls for,
 * plus the new manifest. Nothing is written here; callers pass `changes` to `applyChanges` together
 * with their own (config.yaml, metadata.yaml), so everything lands at once or not at all.
 */
import type { FileChange } from "../fs/changeset.ts";
import { MANIFEST_FILE, type OwnedEntry, type OwnedFilesManifest, serializeManifest } from "./manifest.ts";
import type { OwnedFile } from "./plan.ts";
import { decide, type FileAction, type FileReport, inspectOwned, type Policy } from "./reconcile.ts";

export interface OwnedChanges {
  reports: FileReport[];
  /** One action per report in scope (including `keep`), in path order. */
  actions: FileAction[];
  changes: FileChange[];
  /** The manifest after the changes, as it will be written. */
  entries: OwnedEntry[];
}

export function ownedChanges(
  root: string,
  planned: readonly OwnedFile[],
  manifest: OwnedFilesManifest | null,
  policy: Policy,
  version: string,
  /** Which files this command may act on (default: all). Out-of-scope entries stay as recorded. */
  scope: (report: FileReport) => boolean = () => true,
): OwnedChanges {
  const reports = inspectOwned(root, planned, manifest).filter(scope);
  const actions = reports.map((report) => decide(report, policy));
  const entries = new Map((manifest?.files ?? []).map((entry) => [entry.path, entry]));
  const changes: FileChange[] = [];
  for (const action of actions) {
    if (action.kind === "write") {
      changes.push({ path: action.path, content: action.content, backup: action.backup });
      entries.set(action.path, action.record);
    } else if (action.kind === "delete") {
      changes.push({ path: action.path, content: null, backup: action.backup });
      entries.delete(action.path);
    } else if (action.kind === "record") {
      if (action.record) entries.set(action.path, action.record);
      else entries.delete(action.path);
    }
  }
  const before = manifest ? serializeManifest(manifest.files, manifest.spec_kitty_version) : null;
  const unchangedEntries =
    before !== null &&
    before === serializeManifest(entries.values(), manifest?.spec_kitty_version ?? version);
  if (!unchangedEntries && (manifest !== null || entries.size > 0)) {
    changes.push({ path: MANIFEST_FILE, content: serializeManifest(entries.values(), version) });
  }
  return { reports, actions, changes, entries: [...entries.values()] };
}

/** Actions that change something on disk or in the manifest. */
export function effective(actions: readonly FileAction[]): FileAction[] {
  return actions.filter((action) => action.kind !== "keep");
}
