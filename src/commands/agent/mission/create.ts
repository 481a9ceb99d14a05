import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { say, style, warn } from "../../../cli/output.ts";
import { branchContract } from "../../../core/mission/branch-contract.ts";
import { createMission } from "../../../core/mission/create.ts";
import { findProjectRoot } from "../../../core/project.ts";
import { jsonArg } from "../../_args.ts";
import { emitMissionJson } from "./_emit.ts";

export default defineCommand({
  meta: {
    name: "create",
    description:
      "Create a new mission directory kitty-specs/NNN-<slug>/ with a fresh mission_id\n" +
      "The slug is kebab-case (lower-case letters, digits, single hyphens). NNN is for display only;\n" +
      "the mission's identity is the ULID in meta.json. Needs a git repository with a first commit\n" +
      "(lanes fork from it). Its files are committed unless .kittify/config.yaml says auto_commit: false.",
  },
  args: {
    slug: { type: "positional", required: true, description: "Mission slug, e.g. user-auth" },
    missionType: { type: "string", description: "Mission type (default software-dev)", valueHint: "type" },
    targetBranch: {
      type: "string",
      description: "Branch planning happens on and work merges into (default: current branch)",
      valueHint: "branch",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const { cwd, env } = io();
    const root = findProjectRoot(cwd);
    const created = await createMission({
      root,
      cwd,
      slug: String(args.slug),
      missionType: args.missionType,
      targetBranch: args.targetBranch,
      env,
    });
    if (args.json) {
      const meta = created.meta;
      emitMissionJson({
        result: "success",
        mission_slug: created.slug,
        mission_number: created.number,
        mission_id: meta.mission_id,
        mission_type: meta.mission_type,
        slug: created.slug,
        friendly_name: meta.friendly_name,
        feature_dir: created.dir,
        spec_file: created.specFile,
        meta_file: created.metaFile,
        created_at: meta.created_at,
        created_files: created.createdFiles,
        write_mode: "update_existing_files",
        next_step: "Edit spec_file and meta_file in place; they already exist, so never recreate them.",
        committed: created.commit?.committed ?? false,
        warnings: created.warnings,
        ...branchContract(created.currentBranch, created.targetBranch),
      });
      return;
    }
    for (const line of created.warnings) warn(line);
    say(
      `${style.green("Created")} mission ${style.bold(created.slug)} (${created.meta.mission_id})`,
      `  spec:   ${created.specFile}`,
      `  branch: ${created.targetBranch}`,
      `Next: write the spec, then run \`spec-kitty agent mission setup-plan --mission ${created.slug}\``,
    );
  },
});
