import { style } from "../../../cli/output.ts";
import { describeClaimant, resolveClaimCommand } from "../../../core/status/claims.ts";
import type { MissionView, WpCard } from "../../../core/views/cards.ts";
import { DISPLAY_COLUMNS } from "../../../core/views/columns.ts";

/** The board's five columns; blocked and canceled WPs are listed under it. */
const MAIN_COLUMNS = DISPLAY_COLUMNS.filter((column) => !column.side);
const BAR_WIDTH = 30;

/** Cuts or pads to `width` characters (code points; the board uses no wide characters). */
export function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text + " ".repeat(width - chars.length)
    : `${chars.slice(0, width - 1).join("")}…`;
}

/**
 * A progress bar that shows the percentage printed next to it (the weighted progress), so a mission
 * half-way through review never draws as an empty bar.
 */
export function progressBar(percent: number, width = BAR_WIDTH): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `${style.green("█".repeat(filled))}${style.dim("░".repeat(width - filled))}`;
}

/** Columns narrower than this cannot show a WP id and a word of its title. */
const MIN_COLUMN = 10;

/** The board width for a terminal this wide (unknown: 100): five columns of 10 to 36 characters. */
export function boardWidth(columns: number | undefined): number {
  return Math.min(200, Math.max(5 * (MIN_COLUMN + 3) + 1, columns ?? 100));
}

/**
 * A WP card: `WP01 Title`; then who holds it, its state words and `ready`; then what it waits for
 * (its unmet dependencies) or, when they are all met, what it came after.
 */
function cardLines(wp: WpCard): { text: string; dim: boolean }[] {
  const tags = [
    wp.double_claim ? "claimed twice!" : "",
    wp.lane === "in_review" ? "reviewing" : "",
    wp.lane === "claimed" ? "claimed" : "",
    wp.agent,
    wp.ready ? "ready" : "",
  ]
    .filter(Boolean)
    .join(", ");
  const lines = [
    {
      text: `${wp.is_stale ? "! " : ""}${wp.id} ${wp.title}${wp.prompt_file_missing ? " (no WP file)" : ""}`,
      dim: false,
    },
  ];
  if (tags) lines.push({ text: `  ${tags}`, dim: true });
  if (wp.blocked_by.length > 0 && wp.lane !== "done" && wp.lane !== "canceled")
    lines.push({ text: `  needs ${wp.blocked_by.map((d) => d.wp_id).join(", ")}`, dim: true });
  else if (wp.dependencies.length > 0 && wp.lane === "planned")
    lines.push({ text: `  after ${wp.dependencies.join(", ")} ✓`, dim: true });
  return lines;
}

/**
 * What to run next, from the mission's step: nothing to hand out once it is complete. `agent` is a
 * name that works in this project (its only agent tool, or the first configured one).
 */
export function nextHint(view: MissionView, agent = "<your-name>"): string {
  const slug = view.mission_slug;
  if (view.phase === "done") return `${style.green("Complete:")} every work package is done.`;
  if (view.phase === "accept") return `${style.cyan("Next:")} spec-kitty accept --mission ${slug}`;
  if (view.phase === "merge") return `${style.cyan("Next:")} spec-kitty merge --mission ${slug}`;
  return `${style.cyan("Next:")} spec-kitty next --agent ${agent} --mission ${slug}`;
}

/** The kanban board for a terminal `width` columns wide: progress, five columns, ready and off-board WPs. */
export function renderBoard(view: MissionView, width: number, agent?: string): string[] {
  const total = view.total_wps;
  const where = [view.phase, view.target_branch ? `→ ${view.target_branch}` : ""].filter(Boolean).join(" · ");
  const lines = [
    `${style.bold(`Mission ${view.mission_slug}`)}${where ? style.dim(`  ${where}`) : ""}`,
    `${progressBar(view.progress_percentage)}  ${view.done_wps}/${total} done · ${view.progress_percentage.toFixed(1)}% weighted`,
    "",
  ];
  const colWidth = Math.max(MIN_COLUMN, Math.floor((width - 1) / MAIN_COLUMNS.length) - 3);
  const cells = MAIN_COLUMNS.map((col) => view.work_packages.filter((wp) => wp.column === col.id));
  const rule = (l: string, m: string, r: string) =>
    l + MAIN_COLUMNS.map(() => "─".repeat(colWidth + 2)).join(m) + r;
  lines.push(rule("┌", "┬", "┐"));
  lines.push(
    `│${MAIN_COLUMNS.map((col, i) => ` ${style.bold(fit(`${col.title} (${cells[i]?.length ?? 0})`, colWidth))} `).join("│")}│`,
  );
  lines.push(rule("├", "┼", "┤"));
  const stacks = cells.map((column) => column.flatMap(cardLines));
  const rows = Math.max(1, ...stacks.map((c) => c.length));
  for (let row = 0; row < rows; row++) {
    const parts = stacks.map((stack) => {
      const cell = stack[row];
      const text = fit(cell?.text ?? "", colWidth);
      return ` ${cell?.dim ? style.dim(text) : text} `;
    });
    lines.push(`│${parts.join("│")}│`);
  }
  lines.push(rule("└", "┴", "┘"));
  const ready = view.work_packages.filter((wp) => wp.ready);
  if (ready.length)
    lines.push(`${style.green("Ready:")} ${ready.map((wp) => `${wp.id} ${wp.title}`).join(", ")}`);
  for (const id of ["blocked", "canceled"] as const) {
    const off = view.work_packages.filter((wp) => wp.column === id);
    if (off.length)
      lines.push(
        `${style.yellow(id === "blocked" ? "Blocked:" : "Canceled:")} ${off.map((wp) => `${wp.id} ${wp.title}`).join(", ")}`,
      );
  }
  const stale = view.work_packages.filter((wp) => wp.is_stale).map((wp) => wp.id);
  if (stale.length) lines.push(style.yellow(`! no recent commit: ${stale.join(", ")}`));
  for (const conflict of view.claim_conflicts) {
    const who = conflict.claims.map(describeClaimant).join(" and ");
    lines.push(
      style.red(`! ${conflict.wp_id} claimed twice: ${who}`),
      `  keep one: ${resolveClaimCommand(view.mission_slug, conflict)}`,
    );
  }
  lines.push("", nextHint(view, agent));
  return lines;
}
