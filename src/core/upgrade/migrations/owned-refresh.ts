/**
 * The files spec-kitty owns, brought to this binary's version: new ones created, unedited outdated
 * ones updated, edited ones merged three-way against the recorded base (a conflict is reported and
 * the file left alone), unrecorded files an older spec-kitty generated replaced after a backup, and
 * recorded files nobody needs any more removed when unedited. The manifest is written or created.
 */
import { ownedChanges } from "../../owned/changes.ts";
import { ownedFiles } from "../../owned/plan.ts";
import type { Policy } from "../../owned/reconcile.ts";
import { empty, type Migration, type StepAction } from "../types.ts";

export const UPGRADE_POLICY: Policy = {
  restoreMissing: false,
  force: false,
  mergeEdited: true,
  replaceGenerated: true,
  removeUnwanted: true,
};

export const ownedRefreshMigration: Migration = {
  id: "refresh_owned_files",
  description: "Bring spec-kitty's templates and agent command files to this version (user edits kept)",
  plan(ctx) {
    const out = empty();
    const owned = ownedChanges(
      ctx.root,
      ownedFiles(ctx.agents, ctx.version),
      ctx.manifest,
      UPGRADE_POLICY,
      ctx.version,
    );
    for (const change of owned.changes) {
      if (change.content === null) ctx.overlay.delete(change.path, change.backup);
      else ctx.overlay.write(change.path, change.content, change.backup);
    }
    for (const action of owned.actions) {
      if (action.kind === "keep") {
        if (action.conflict || action.state === "missing")
          out.conflicts.push({ path: action.path, reason: action.why });
        continue;
      }
      if (action.kind === "record" && action.state === "current") continue;
      const kind: StepAction =
        action.kind === "delete"
          ? "delete"
          : action.kind === "record"
            ? "update"
            : action.backup
              ? "replace"
              : action.state === "edited_outdated"
                ? "merge"
                : action.state === "new"
                  ? "create"
                  : "update";
      out.steps.push({ path: action.path, action: kind, detail: action.why });
    }
    const manifestChange = owned.changes.find((c) => c.path === ".kittify/owned-files.json");
    if (manifestChange && out.steps.length === 0) {
      out.steps.push({
        path: manifestChange.path,
        action: ctx.manifest ? "update" : "create",
        detail: "record of spec-kitty's files",
      });
    }
    return out;
  },
};
