/**
 * The columns a person follows on every board (terminal, web page, export): the nine status lanes with
 * the in-between lanes folded into their neighbours. Blocked and canceled WPs are off the main flow.
 */
import type { StatusLane } from "../status/lane.ts";

export type ColumnId = "planned" | "doing" | "review" | "approved" | "done" | "blocked" | "canceled";

export interface DisplayColumn {
  id: ColumnId;
  title: string;
  lanes: readonly StatusLane[];
  /** Off the main flow: shown only when it holds a WP. */
  side: boolean;
}

export const DISPLAY_COLUMNS: readonly DisplayColumn[] = [
  { id: "planned", title: "Planned", lanes: ["planned"], side: false },
  { id: "doing", title: "Doing", lanes: ["claimed", "in_progress"], side: false },
  { id: "review", title: "Review", lanes: ["for_review", "in_review"], side: false },
  { id: "approved", title: "Approved", lanes: ["approved"], side: false },
  { id: "done", title: "Done", lanes: ["done"], side: false },
  { id: "blocked", title: "Blocked", lanes: ["blocked"], side: true },
  { id: "canceled", title: "Canceled", lanes: ["canceled"], side: true },
];

const BY_LANE = new Map<StatusLane, ColumnId>(
  DISPLAY_COLUMNS.flatMap((column) => column.lanes.map((lane): [StatusLane, ColumnId] => [lane, column.id])),
);

export function columnOf(lane: StatusLane): ColumnId {
  return BY_LANE.get(lane) ?? "planned";
}
