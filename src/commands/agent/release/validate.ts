import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, style } from "../../../cli/output.ts";
import { describe, releaseRoot } from "../../../core/release/project-version.ts";
import { type ReleaseMode, validateRelease } from "../../../core/release/validate.ts";
import { VERSION } from "../../../version.ts";
import { jsonArg } from "../../_args.ts";

export default defineCommand({
  meta: {
    name: "validate",
    description:
      "Check that the project version, .kittify/metadata.yaml and CHANGELOG.md agree (the release gate)\n" +
      "Reads package.json, pyproject.toml [project] and Cargo.toml [package] (all that exist must agree).\n" +
      "When .kittify/config.yaml sets release.version_is_spec_kitty_version, the project version must equal\n" +
      "spec_kitty.version in .kittify/metadata.yaml; otherwise that version must not be newer than this\n" +
      "binary. CHANGELOG.md needs a non-empty '## [<version>]' entry. Tag mode also checks the tag is\n" +
      "v<version> and newer than every earlier v* tag. Exits 1 on any failure; branch mode needs no git.",
  },
  args: {
    mode: { type: "enum", options: ["branch", "tag"], default: "branch", description: "What to check" },
    tag: {
      type: "string",
      description: "Tag to check in tag mode (default: CI ref or the v* tag at HEAD)",
      valueHint: "vX.Y.Z",
    },
    ...jsonArg,
  },
  run: ({ args }) => {
    const { cwd, env } = io();
    const report = validateRelease({
      root: releaseRoot(cwd),
      mode: args.mode as ReleaseMode,
      tag: args.tag,
      binaryVersion: VERSION,
      env,
    });
    if (args.json) {
      printJson(report);
      return report.ok ? 0 : 1;
    }
    say(`${style.bold("release validate")} (${report.mode} mode) in ${report.root}`);
    for (const s of report.sources) say(`  project version   ${describe(s)}`);
    if (report.spec_kitty.metadata) say(`  spec-kitty        ${describe(report.spec_kitty.metadata)}`);
    if (report.changelog.line !== null)
      say(`  changelog         ${report.changelog.file} line ${report.changelog.line}`);
    if (report.tag) say(`  tag               ${report.tag}`);
    if (report.ok) {
      say(style.green(`ok: release ${report.version} is coherent`));
      return 0;
    }
    for (const problem of report.problems) {
      io().stderr(`${style.red("error:")} ${problem.message}\n${style.dim("fix:")} ${problem.fix}\n`);
    }
    say(style.red(`${report.problems.length} problem(s): not releasable`));
    return 1;
  },
});
