import { SpecKittyError } from "../errors.ts";

/** The nine canonical lanes of the status model, in board order. */
export const STATUS_LANES = [
  "planned",
  "claimed",
  "in_progress",
  "for_review",
  "in_review",
  "approved",
  "done",
  "blocked",
  "canceled",
] as const;

export type StatusLane = (typeof STATUS_LANES)[number];

/** Lanes a WP never leaves (except by a forced move). */
export const TERMINAL_LANES: ReadonlySet<StatusLane> = new Set<StatusLane>(["done", "canceled"]);

/** Legacy spellings read from old logs, frontmatter and the command line. */
const ALIASES: Record<string, StatusLane> = { doing: "in_progress" };

const LANE_SET: ReadonlySet<string> = new Set(STATUS_LANES);

export function isLane(value: string): value is StatusLane {
  return LANE_SET.has(value);
}

/** `doing`, ` In_Progress ` → `in_progress`; anything else that is not a lane → undefined. */
export function normalizeLane(value: string): StatusLane | undefined {
  const key = value.trim().toLowerCase();
  if (isLane(key)) return key;
  return ALIASES[key];
}

/** A lane typed by the user (`--to`, `--lane`), or INVALID_LANE listing the lanes. */
export function parseLane(value: string): StatusLane {
  const lane = normalizeLane(value);
  if (lane) return lane;
  throw new SpecKittyError("INVALID_LANE", `unknown lane '${value}'`, {
    exitCode: 2, // always typed by a user (--to, --lane): a usage error
    fix: `use one of: ${STATUS_LANES.join(", ")}`,
  });
}

/**
 * Weighted progress per lane (upstream's weights), so a mission half-way through review counts as more
 * done than one that has only been claimed.
 */
export const LANE_WEIGHT: Record<StatusLane, number> = {
  planned: 0,
  claimed: 0.05,
  in_progress: 0.3,
  for_review: 0.6,
  in_review: 0.7,
  approved: 0.8,
  done: 1,
  blocked: 0,
  canceled: 0,
};

/** Weighted progress of WPs in these lanes, in percent with one decimal; 0 when there are none. */
export function weightedProgress(lanes: readonly StatusLane[]): number {
  if (lanes.length === 0) return 0;
  const weight = lanes.reduce((sum, lane) => sum + LANE_WEIGHT[lane], 0);
  return Math.round((weight / lanes.length) * 1000) / 10;
}

/** The forward path a non-forced `move-task` walks one hop at a time: every lane but the side lanes. */
export const FORWARD_PATH: readonly StatusLane[] = STATUS_LANES.filter(
  (lane) => lane !== "blocked" && lane !== "canceled",
);
