import { style } from "../../../cli/output.ts";
import type { MissionView } from "../../../core/views/cards.ts";
import { fit, progressBar } from "./_board.ts";

const BAR = 16;
const PHASE = 14;
const DONE = 12;

/** The mission worth opening first: the one with the newest status change (else the last one). */
function mostActive(views: readonly MissionView[]): MissionView | undefined {
  const readable = views.filter((v) => !v.error);
  return readable.reduce<MissionView | undefined>(
    (best, v) => (!best || (v.last_activity_at ?? "") >= (best.last_activity_at ?? "") ? v : best),
    undefined,
  );
}

/** Every mission on one line each: step, progress (bar and the same weighted %), done count, ready WPs. */
export function renderOverview(project: string, views: readonly MissionView[], width: number): string[] {
  const lines = [style.bold(`Missions in ${project} (${views.length})`), ""];
  if (views.length === 0) {
    lines.push("No missions yet.", "", `${style.cyan("Next:")} spec-kitty agent mission create <slug>`);
    return lines;
  }
  const fixed = PHASE + BAR + 7 + DONE + 8; // the columns after the slug, with their gaps
  const slugWidth = Math.max(
    12,
    Math.min(Math.max(...views.map((v) => v.key.length + 2)), width - fixed - 12),
  );
  for (const view of views) {
    const slug = fit(view.source.kind === "worktree" ? `${view.key}*` : view.key, slugWidth);
    if (view.error) {
      const room = Math.max(10, width - slugWidth - PHASE - 4);
      lines.push(` ${slug} ${style.red(fit("unreadable", PHASE))} ${fit(view.error.message, room)}`);
      continue;
    }
    const pct = `${view.progress_percentage.toFixed(1)}%`.padStart(6);
    const done = fit(`${view.done_wps}/${view.total_wps} done`, DONE);
    const extra = [
      view.ready_wps.length ? `ready ${view.ready_wps.join(" ")}` : "",
      view.stale_wps ? `${view.stale_wps} stale` : "",
      view.target_branch ? `→ ${view.target_branch}` : "",
    ]
      .filter(Boolean)
      .join("  ");
    const room = Math.max(0, width - slugWidth - fixed);
    lines.push(
      ` ${slug} ${fit(view.phase ?? "", PHASE)} ${progressBar(view.progress_percentage, BAR)} ${pct}  ${done} ${room > 0 ? fit(extra, room).trimEnd() : ""}`.trimEnd(),
    );
  }
  if (views.some((v) => v.source.kind === "worktree")) lines.push("", style.dim("* only in a lane worktree"));
  const open = mostActive(views);
  if (open) lines.push("", `${style.cyan("Board:")} spec-kitty agent tasks status --mission ${open.key}`);
  return lines;
}
