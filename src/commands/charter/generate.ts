import { defineCommand } from "citty";
import { printJson, say } from "../../cli/output.ts";
import { generateCharter } from "../../core/charter/generate.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";

export default defineCommand({
  meta: {
    name: "generate",
    description:
      "Write charter.md from the interview's answers\n" +
      "Without an answers file it uses the neutral answers. A charter.md edited since it was generated (or\n" +
      "written by hand) is replaced only with --force, and its text is kept under .kittify/backups/.",
  },
  args: {
    force: { type: "boolean", description: "Replace an edited charter.md (after a backup)" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const result = generateCharter(projectFromCwd(), { force: Boolean(args.force) });
    if (args.json) {
      printJson({
        result: "success",
        success: true,
        charter_path: result.path,
        interview_source: result.source,
        profile: result.profile,
        written: result.written,
        files_written: result.written ? [result.path] : [],
        backups: result.backups,
      });
      return;
    }
    say(
      result.written
        ? `Wrote ${result.path} from the ${result.source === "interview" ? "interview's answers" : "neutral answers"}.`
        : `${result.path} is already up to date.`,
      ...(result.backups.length ? [`Previous text kept at ${result.backups.join(", ")}`] : []),
      "See what a prompt carries: spec-kitty charter context --action implement",
    );
  },
});
