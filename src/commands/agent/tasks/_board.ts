import { style } from "../../../cli/output.ts";
import type { StatusLane } from "../../../core/status/lane.ts";
import type { Board, BoardWp } from "../../../core/views/board.ts";

/** Board columns: the lanes a person follows, with the in-between lanes folded into their neighbours. */
const COLUMNS: { title: string; lanes: StatusLane[] }[] = [
  { title: "Planned", lanes: ["planned"] },
  { title: "Doing", lanes: ["claimed", "in_progress"] },
  { title: "Review", lanes: ["for_review", "in_review"] },
  { title: "Approved", lanes: ["approved"] },
  { title: "Done", lanes: ["done"] },
];

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text + " ".repeat(width - chars.length)
    : `${chars.slice(0, width - 1).join("")}…`;
}

/** A WP card: `WP01 Title`, then who holds it (and `reviewing`/`claimed`) on a second, dim line. */
function cardLines(wp: BoardWp, stale: ReadonlySet<string>): string[] {
  const tags = [wp.lane === "in_review" ? "reviewing" : "", wp.lane === "claimed" ? "claimed" : "", wp.agent]
    .filter(Boolean)
    .join(", ");
  const head = `${stale.has(wp.id) ? "! " : ""}${wp.id} ${wp.title}${wp.prompt_file_missing ? " (no WP file)" : ""}`;
  return tags ? [head, `  ${tags}`] : [head];
}

/** The kanban board for a terminal: a progress bar, five columns, off-board lanes, and what to run next. */
export function renderBoard(slug: string, board: Board, width: number, stale: ReadonlySet<string>): string[] {
  const total = board.wps.length;
  const done = board.byLane.done ?? 0;
  const barWidth = 30;
  const filled = total ? Math.round((done / total) * barWidth) : 0;
  const lines = [
    style.bold(`Mission ${slug}`),
    `${style.green("█".repeat(filled))}${style.dim("░".repeat(barWidth - filled))}  ${done}/${total} done · ${board.progress.toFixed(1)}% weighted`,
    "",
  ];
  const colWidth = Math.max(12, Math.floor((width - 1) / COLUMNS.length) - 3);
  const cells = COLUMNS.map((col) => board.wps.filter((wp) => col.lanes.includes(wp.lane)));
  const rule = (l: string, m: string, r: string) =>
    l + COLUMNS.map(() => "─".repeat(colWidth + 2)).join(m) + r;
  lines.push(rule("┌", "┬", "┐"));
  lines.push(
    `│${COLUMNS.map((col, i) => ` ${style.bold(fit(`${col.title} (${cells[i]?.length ?? 0})`, colWidth))} `).join("│")}│`,
  );
  lines.push(rule("├", "┼", "┤"));
  const stacks = cells.map((column) =>
    column.flatMap((wp) => cardLines(wp, stale).map((text, i) => ({ text, dim: i > 0 }))),
  );
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
  for (const lane of ["blocked", "canceled"] as const) {
    const off = board.wps.filter((wp) => wp.lane === lane);
    if (off.length)
      lines.push(
        `${style.yellow(lane === "blocked" ? "Blocked:" : "Canceled:")} ${off.map((wp) => `${wp.id} ${wp.title}`).join(", ")}`,
      );
  }
  if (stale.size) lines.push(style.yellow(`! no recent commit: ${[...stale].join(", ")}`));
  lines.push("", `${style.cyan("Next:")} spec-kitty next --agent <your-name> --mission ${slug}`);
  return lines;
}
