/**
 * How `spec-kitty dispatch` shows progress to a person: on a terminal, a live block with one line per
 * running WP (role, agent, lane, elapsed time, the last line of its log) redrawn under the event lines;
 * anywhere else, one plain line per event. Colours follow NO_COLOR and the TTY like all human output.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { stripAnsi, style } from "../cli/output.ts";
import type { DispatchEvent, DispatchSummary, RunInfo } from "../core/dispatch/events.ts";

const clock = (at: string) => at.slice(11, 19);

function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

const STATUS_STYLE: Record<string, (text: string) => string> = {
  succeeded: style.green,
  approved: style.green,
  rejected: style.yellow,
  failed: style.red,
  timeout: style.red,
  interrupted: style.yellow,
  lost: style.yellow,
};

/** One plain line per event (also what the live view prints above its block). */
export function eventLine(event: DispatchEvent): string | null {
  const t = clock(event.at);
  switch (event.event) {
    case "dispatch_started": {
      const extra = [
        event.adopted.length ? `watching ${event.adopted.join(", ")} (agents still running)` : "",
        event.recovered.length ? `recovered ${event.recovered.join(", ")} (agents gone; work kept)` : "",
      ].filter(Boolean);
      return `${t} dispatching ${event.mission_slug}: agents ${event.agents.join(", ")}${event.review_by ? `, review by ${event.review_by}` : ""}, up to ${event.max} at once, timeout ${event.timeout_seconds}s${extra.length ? `; ${extra.join("; ")}` : ""}`;
    }
    case "run_started":
    case "run_adopted":
      return `${t} ${event.wp_id} ${event.role} by ${event.agent} ${event.event === "run_adopted" ? "still running (adopted)" : event.resumed ? "resumed" : "started"} in ${event.lane_id} (attempt ${event.attempt}, pid ${event.pid}; log ${event.log})`;
    case "run_refused":
      return `${t} ${style.red(`${event.wp_id} ${event.role} by ${event.agent} refused`)}: ${event.message}`;
    case "run_finished": {
      const paint = STATUS_STYLE[event.status] ?? ((s: string) => s);
      const parked = event.parked ? `; not retried: ${event.parked}` : "";
      return `${t} ${event.wp_id} ${event.role} by ${event.agent} ${paint(event.status)} after ${duration(event.seconds)} → ${event.lane}${parked}`;
    }
    case "stopping":
      return `${t} ${style.yellow(event.hard ? "stopping now: ending the running agents" : "stopping: no new runs; waiting for the running ones (Ctrl-C again to end them)")}`;
    case "merge_finished":
      return `${t} ${style.green("merged")} into ${event.target_branch}${event.done_wps.length ? `; done: ${event.done_wps.join(", ")}` : ""}`;
    case "merge_failed":
      return `${t} ${style.red("merge failed")}: ${event.message}`;
    case "dispatch_finished":
      return null;
  }
}

/** The closing report: every WP not approved or done with why, then what to run next. */
export function summaryLines(summary: DispatchSummary): string[] {
  const lines: string[] = [];
  const done = summary.wps.filter((wp) => wp.note === null).length;
  lines.push(
    `${summary.complete ? style.green("complete") : summary.interrupted ? style.yellow("stopped") : style.yellow("incomplete")}: ${done}/${summary.wps.length} WPs approved or done; ${summary.runs.length} run(s)`,
  );
  for (const wp of summary.wps.filter((w) => w.note !== null))
    lines.push(`  ${wp.wp_id}  ${wp.lane.padEnd(11)}  ${wp.note}`);
  if (summary.merge_error)
    lines.push(`merge failed (${summary.merge_error.code}): ${summary.merge_error.message}`);
  if (summary.resume_command) lines.push(`Resume with: ${summary.resume_command}`);
  if (summary.merge_command) lines.push(`Merge with:  ${summary.merge_command}`);
  return lines;
}

/** The last line an agent wrote to its log (not our `#` lines), cleaned for one terminal line. */
function lastLogLine(path: string): string {
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    const fd = openSync(path, "r");
    try {
      readSync(fd, buffer, 0, length, size - length);
    } finally {
      closeSync(fd);
    }
    const lines = stripAnsi(buffer.toString("utf8"))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("# "));
    return lines.at(-1) ?? "";
  } catch {
    return "";
  }
}

interface Running extends RunInfo {
  since: number;
}

/** The live block for a terminal: redrawn in place on every event and once a second. */
export class LiveView {
  private readonly running = new Map<string, Running>();
  private drawn = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly root: string,
    private readonly columns: () => number,
  ) {}

  event(event: DispatchEvent): void {
    if (event.event === "run_started" || event.event === "run_adopted")
      this.running.set(event.run_id, { ...event, since: Date.now() });
    if (event.event === "run_finished") this.running.delete(event.run_id);
    const line = eventLine(event);
    this.redraw(line);
  }

  tick(): void {
    this.redraw(null);
  }

  /** Clears the block for good (before the summary is printed). */
  close(): void {
    this.running.clear();
    this.redraw(null);
  }

  private redraw(above: string | null): void {
    const width = Math.max(40, this.columns());
    // Up to the block's first line, clear to the end of the screen, print, redraw the block.
    let out = this.drawn > 0 ? `\u001b[${this.drawn}F\u001b[J` : "";
    if (above !== null) out += `${above}\n`;
    const rows = [...this.running.values()].map((run) => {
      const elapsed = duration((Date.now() - run.since) / 1000).padStart(6);
      const head = `  ${run.wp_id.padEnd(6)} ${run.role.padEnd(9)} ${run.agent.padEnd(9)} ${run.lane_id.padEnd(13)} ${elapsed}  `;
      const tail = lastLogLine(join(this.root, run.log));
      const room = tail.slice(0, Math.max(0, width - head.length - 1));
      return room ? `${head}${style.dim(room)}` : head.trimEnd();
    });
    out += rows.map((row) => `${row}\n`).join("");
    this.drawn = rows.length;
    if (out) this.write(out);
  }
}
