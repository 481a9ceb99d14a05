import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, style } from "../../../cli/output.ts";
import { prepRelease } from "../../../core/release/prep.ts";
import { releaseRoot } from "../../../core/release/project-version.ts";
import type { Channel } from "../../../core/release/version.ts";
import { jsonArg } from "../../_args.ts";

export default defineCommand({
  meta: {
    name: "prep",
    description:
      "Propose the next version and draft its CHANGELOG.md block (changes no file)\n" +
      "stable: a pre-release becomes final, a final release gets the next patch. rc: the next release\n" +
      "candidate. The block lists missions accepted or merged since the highest v* tag (meta.json\n" +
      "accepted_at / merged_at), grouped by meta.json change_type (added, changed, fixed, …), with WP\n" +
      "titles. It is a draft: edit it, paste it into CHANGELOG.md, bump the versions, then run validate.",
  },
  args: {
    channel: { type: "enum", options: ["stable", "rc"], required: true, description: "Release channel" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const { cwd, env } = io();
    const result = prepRelease({
      root: releaseRoot(cwd),
      channel: args.channel as Channel,
      now: new Date(),
      env,
    });
    if (args.json) {
      printJson(result);
      return 0;
    }
    say(
      `${style.bold("release prep")} ${result.channel}: ${result.current_version} (${result.version_file}) → ${style.green(result.proposed_version)}`,
      `since ${result.since_tag ?? "the first commit (no v* tag)"}: ${result.missions.length} mission(s)`,
      "",
      result.changelog_block.trimEnd(),
      "",
      style.dim(
        `next: add this block to CHANGELOG.md, set the version to ${result.proposed_version} everywhere,`,
      ),
      style.dim(`then run 'spec-kitty agent release validate' and tag v${result.proposed_version}.`),
    );
    return 0;
  },
});
