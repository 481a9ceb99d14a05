import { defineCommand } from "citty";
import { printJson, say, stripAnsi, style } from "../../cli/output.ts";
import { summarizeAll } from "../../core/views/mission-summary.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";
import { progressText, summaryJson } from "./_render.ts";

export default defineCommand({
  meta: {
    name: "list",
    description:
      "List every mission with its phase and progress\n" +
      "A mission whose files cannot be read is listed with the reason; it never hides the others.",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const root = projectFromCwd();
    const missions = summarizeAll(root);
    if (args.json) {
      printJson({ missions: missions.map(summaryJson), count: missions.length });
      return;
    }
    if (missions.length === 0) {
      say(
        "No missions yet. Start one with /spec-kitty.specify (or `spec-kitty agent mission create <slug>`).",
      );
      return;
    }
    const rows = missions.map((m) => [
      m.number === null ? "-" : String(m.number).padStart(3, "0"),
      m.slug,
      m.mission_id ? m.mission_id.slice(0, 8) : "-",
      m.phase ?? "?",
      progressText(m),
      m.target_branch ?? "-",
    ]);
    const head = ["#", "Mission", "ID", "Phase", "Progress", "Target"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => stripAnsi(r[i] ?? "").length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c + " ".repeat(Math.max(0, (widths[i] ?? 0) - stripAnsi(c).length)))
        .join("  ")
        .trimEnd();
    say(style.bold(line(head)), ...rows.map(line));
    // The reason for each mission that could not be read, so the listing says what to fix.
    const unreadable = missions.filter((m) => m.error);
    if (unreadable.length) say("", ...unreadable.map((m) => `${style.red(m.slug)}: ${m.error}`));
  },
});
