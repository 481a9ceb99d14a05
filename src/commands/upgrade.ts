import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { runUpgrade, type UpgradeResult } from "../core/upgrade/run.ts";
import { VERSION } from "../version.ts";
import { jsonArg } from "./_args.ts";
import { projectFromCwd } from "./_mission.ts";

const HELP = `Bring a project written by an older spec-kitty to this version's layout
Plans every change first; --dry-run lists them and writes nothing. What it migrates:
  - feature_slug/feature_number → mission_slug/mission_number (meta.json, lanes.json, WP files)
  - missions without a mission_id get one (a ULID, minted once, never changed afterwards)
  - lane folders (tasks/doing/…) and frontmatter lane: → the status event log
  - .kittify/constitution/ (and .kittify/memory/constitution.md) → .kittify/charter/
  - .codex/prompts/spec-kitty.* → Codex skills in .agents/skills/
  - command files of retired commands, and templates/command files written by an older version
A file you edited is never overwritten or deleted: this version's changes are merged into it
(three-way, against what spec-kitty last wrote, recorded in .kittify/owned-files.json); a conflict
is reported and the file left alone. Files replaced or removed without such a record are backed up
under .kittify/backups/. Applied migrations are recorded in .kittify/metadata.yaml; nothing is
committed. A second run changes nothing. A project written by a newer spec-kitty is refused.`;

function render(result: UpgradeResult): void {
  const conflicts = result.migrations.flatMap((m) => m.conflicts);
  if (result.result === "up_to_date")
    say(`${style.green("Up to date:")} nothing to migrate (spec-kitty ${VERSION}).`);
  else {
    say(
      result.result === "dry_run"
        ? `${style.bold("Dry run:")} upgrade would make these changes (nothing was written):`
        : `${style.green("Upgraded")} from ${result.projectVersion ?? "an unrecorded version"} to ${VERSION}:`,
    );
    for (const m of result.migrations.filter((x) => x.status !== "not_applicable")) {
      say(`  ${style.bold(m.id)}: ${m.description}`);
      for (const step of m.steps) say(`    ${step.action.padEnd(7)} ${step.path}  ${style.dim(step.detail)}`);
    }
    if (result.metadataChanged) say("  .kittify/metadata.yaml: migrations recorded");
  }
  if (conflicts.length) {
    say("", style.yellow(`Kept for you to review (${conflicts.length}):`));
    for (const c of conflicts) say(`  ${c.path}: ${c.reason}`);
  }
  if (result.backups.length) say("", `Backups: ${result.backups.length} file(s) under .kittify/backups/`);
}

export default defineCommand({
  meta: { name: "upgrade", description: HELP },
  args: {
    dryRun: { type: "boolean", description: "List every change and write nothing" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const root = projectFromCwd();
    const result = await runUpgrade({ root, version: VERSION, dryRun: Boolean(args.dryRun), env: io().env });
    if (!args.json) return render(result);
    const conflicts = result.migrations.flatMap((m) => m.conflicts);
    printJson({
      result: result.result,
      dry_run: Boolean(args.dryRun),
      current_version: result.projectVersion,
      target_version: VERSION,
      migrations: result.migrations.map((m) => ({
        id: m.id,
        description: m.description,
        status: m.status,
        changes: m.steps,
        conflicts: m.conflicts,
      })),
      migrations_applied:
        result.result === "upgraded"
          ? result.migrations.filter((m) => m.status === "applied").map((m) => m.id)
          : [],
      metadata_changed: result.metadataChanged,
      events_appended: result.eventsAppended,
      manual_review_required: conflicts.length > 0,
      manual_review_paths: conflicts.map((c) => c.path),
      backups: result.backups,
      auto_committed: false,
    });
  },
});
