/**
 * What a WP's detail view shows beyond its card: the frontmatter as written, owned files, the status
 * history, every review cycle's feedback, the activity log and the prompt body. Read on demand (one WP
 * file, the log, the cycle folder), never for a whole board.
 */
import { relative } from "node:path";
import { reviewCycleRecords } from "../loop/review-cycle.ts";
import type { EventLane } from "../status/event.ts";
import { activityEntries } from "../tasks/activity.ts";
import { wpEvents, wpFileOf } from "./adapter.ts";
import type { WpCard } from "./cards.ts";
import type { ProjectMission } from "./missions.ts";

export interface HistoryEntry {
  at: string;
  from_lane: EventLane;
  to_lane: EventLane;
  actor: string;
  force: boolean;
  reason: string | null;
  review_ref: string | null;
}

export interface WpDetail {
  mission_key: string;
  card: WpCard;
  /** Project-relative path of the WP file, or null when the WP has no readable file. */
  path: string | null;
  /** The YAML frontmatter exactly as written. */
  frontmatter: string;
  owned_files: string[];
  history: HistoryEntry[];
  review_cycles: { number: number; path: string; text: string }[];
  activity: string[];
  /** The prompt: the Markdown body after the frontmatter. */
  body: string;
}

/** The detail of the WP behind `card` in `pm`, from the files as they are now. */
export function wpDetail(pm: ProjectMission, card: WpCard): WpDetail {
  const mission = pm.mission;
  const file = mission ? wpFileOf(mission, card.id) : null;
  const owned = file?.data.owned_files;
  const history = mission
    ? wpEvents(mission, card.id).map(
        (e): HistoryEntry => ({
          at: e.at,
          from_lane: e.from_lane,
          to_lane: e.to_lane,
          actor: e.actor,
          force: e.force,
          reason: e.reason,
          review_ref: e.review_ref,
        }),
      )
    : [];
  const body = file ? file.tail.replace(/^[ \t]*---[ \t]*\r?\n?/, "").replace(/^\s*\n/, "") : "";
  return {
    mission_key: pm.key,
    card,
    path: file && mission ? relative(mission.root, file.path) : null,
    frontmatter: file?.yamlText ?? "",
    owned_files: Array.isArray(owned) ? owned.map(String) : [],
    history,
    review_cycles: file && mission ? reviewCycleRecords(mission, file) : [],
    activity: activityEntries(body),
    body,
  };
}
