import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style, warn } from "../cli/output.ts";
import { acceptMission } from "../core/accept/accept.ts";
import type { AcceptReport } from "../core/accept/checks.ts";
import { jsonArg, missionArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

function problems(report: AcceptReport): string[] {
  const out: string[] = [];
  for (const wp of report.wpsNotReady) out.push(`${wp.wp_id} is ${wp.lane}, not approved or done`);
  for (const file of report.missingFiles) out.push(`missing ${file}`);
  for (const t of report.uncheckedTasks) out.push(`unchecked task ${t.file}:${t.line}: ${t.text}`);
  for (const c of report.needsClarification) out.push(`open question ${c.file}:${c.line}: ${c.text}`);
  for (const t of report.unfilledTemplate) out.push(`template text left ${t.file}:${t.line}: ${t.text}`);
  for (const f of report.dirtyFiles ?? []) out.push(`uncommitted change: ${f}`);
  return out;
}

/** What to do about the problems, as commands that run as printed. */
function fixes(report: AcceptReport, slug: string): string[] {
  const out: string[] = [];
  if (report.wpsNotReady.length || report.uncheckedTasks.length)
    out.push(`finish the open work through the loop: spec-kitty next --mission ${slug}`);
  if (report.needsClarification.length || report.unfilledTemplate.length)
    out.push("answer the open questions and replace the template text in the files named above");
  const dirty = report.dirtyFiles ?? [];
  if (dirty.length > 0) {
    const quoted = dirty.map((f) => (/^[\w./@+-]+$/.test(f) ? f : JSON.stringify(f)));
    out.push(`commit your changes (or discard them): git add -- ${quoted.join(" ")} && git commit -m "…"`);
  }
  return out;
}

export default defineCommand({
  meta: {
    name: "accept",
    description:
      "Check that a mission is ready to accept, and record the acceptance\n" +
      "Reports every WP not approved or done, every unchecked `- [ ]` line in tasks.md, every\n" +
      "[NEEDS CLARIFICATION marker, missing spec.md/plan.md/tasks.md, and uncommitted files. Exit 1\n" +
      "when anything is listed; otherwise accepted_at/accepted_by are written to meta.json (exit 0).",
  },
  args: {
    ...missionArg,
    actor: {
      type: "string",
      description: "Who accepts (default: the project's only agent tool, else your git user.email)",
      valueHint: "name",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const { env } = io();
    const outcome = await acceptMission(mission, args.actor, env);
    const r = outcome.report;
    if (args.json) {
      printJson({
        result: r.acceptable ? "accepted" : "not_acceptable",
        mission_slug: r.missionSlug,
        mission_id: mission.missionId,
        acceptable: r.acceptable,
        wps_not_ready: r.wpsNotReady,
        unchecked_tasks: r.uncheckedTasks,
        needs_clarification: r.needsClarification,
        missing_files: r.missingFiles,
        unfilled_template: r.unfilledTemplate,
        dirty_files: r.dirtyFiles,
        bookkeeping_files: r.bookkeepingFiles,
        accepted_at: outcome.acceptedAt,
        accepted_by: outcome.acceptedBy,
        warnings: outcome.commitWarning ? [outcome.commitWarning] : [],
      });
      return r.acceptable ? 0 : 1;
    }
    if (!r.acceptable) {
      const list = problems(r);
      say(
        `${style.red("Not acceptable:")} ${mission.slug} (${list.length} problem${list.length === 1 ? "" : "s"})`,
      );
      say(...list.map((p) => `  - ${p}`));
      const todo = fixes(r, mission.slug);
      if (todo.length) say("", "To fix:", ...todo.map((t) => `  ${t}`));
      return 1;
    }
    if (outcome.commitWarning) warn(outcome.commitWarning);
    say(`${style.green("Accepted")} ${mission.slug} (by ${outcome.acceptedBy} at ${outcome.acceptedAt})`);
    if (!outcome.committed)
      say(
        `spec-kitty's own files of the mission are not committed (auto_commit is off); \`spec-kitty merge --mission ${mission.slug}\` commits them.`,
      );
    say(`Next: spec-kitty merge --mission ${mission.slug}`);
    return 0;
  },
});
