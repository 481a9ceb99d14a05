import { defineCommand } from "citty";
import { printJson, say } from "../../cli/output.ts";
import { charterStatus } from "../../core/charter/status.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";

const NEXT: Record<string, string> = {
  missing: "Start one: spec-kitty charter interview (or /spec-kitty.charter in your agent)",
  stale: "The answers changed since: spec-kitty charter generate",
  legacy: "Move it to .kittify/charter/: spec-kitty upgrade",
  edited: "Edited by hand since it was generated; prompts quote it as it is.",
  custom: "Written by hand; prompts quote it as it is.",
  synced: "Up to date with the interview's answers.",
};

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Show whether the charter exists, is current, or was edited\n" +
      "Status: missing, synced (generated from the current answers), stale (answers changed since),\n" +
      "edited (changed by hand after generating), custom (hand-written), legacy (an old constitution).",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const status = charterStatus(projectFromCwd());
    if (args.json) {
      printJson(status);
      return;
    }
    say(
      `Charter: ${status.charter_path ?? "none"} (${status.status})`,
      `Interview answers: ${status.interview_exists ? status.interview_path : "none yet"}`,
      ...(status.sections.length ? [`Sections: ${status.sections.join(", ")}`] : []),
      NEXT[status.status] ?? "",
    );
  },
});
