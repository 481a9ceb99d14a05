import { existsSync, readFileSync } from "node:fs";
import type { SpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import { describeClaimant, resolveClaimCommand } from "./claims.ts";
import { type Annotation, type EventLane, parseLogLine, type StatusEvent } from "./event.ts";
import { buildStatusFile, serializeStatusFile, snapshotPath } from "./materialize.ts";
import { orderEvents, reduceWithTeam } from "./reducer.ts";
import { displayPath, eventsPath, type StatusMission } from "./store.ts";
import { checkTransition } from "./transitions.ts";

export interface ValidationReport {
  valid: boolean;
  mission_slug: string;
  event_count: number;
  errors: string[];
  warnings: string[];
}

/**
 * Checks a mission's log without changing anything: every line parses (all bad lines are listed, not
 * just the first), every unforced move is in the table and every forced one names an actor and a
 * reason. A from_lane that differs from the replayed lane, duplicates, a foreign mission_slug and a
 * stale status.json are warnings: they are harmless to the reducer (upstream's validator does not
 * check from_lane at all).
 */
export function validateStatus(mission: StatusMission): ValidationReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const path = eventsPath(mission);
  const file = displayPath(mission, path);
  const events: StatusEvent[] = [];
  const annotations: Annotation[] = [];
  if (existsSync(path)) {
    const lines = readTextFile(path, file).split("\n");
    lines.forEach((text, index) => {
      if (text.trim() === "") return;
      try {
        const row = parseLogLine(text, file, index + 1);
        if (row.type === "lane") events.push(row.event);
        else if (row.type === "annotation") annotations.push(row.annotation);
      } catch (error) {
        errors.push((error as SpecKittyError).message);
      }
    });
  }
  const ordered = orderEvents(events);
  if (ordered.length < events.length)
    warnings.push(`${events.length - ordered.length} duplicate event id(s) ignored`);
  const lanes = new Map<string, EventLane>();
  for (const event of ordered) {
    const where = `${event.wp_id} event ${event.event_id}`;
    const known = lanes.get(event.wp_id);
    // A WP's first event starts from planned, or from the `genesis` seed (3.2 bootstrap). The reducer
    // never reads from_lane, and neither does upstream's validator: a mismatch is worth a warning only.
    const replayed = known ?? (event.from_lane === "genesis" ? "genesis" : "planned");
    if (event.from_lane !== replayed)
      warnings.push(`${where}: from_lane ${event.from_lane} but the WP was ${replayed}`);
    if (event.to_lane === "genesis") errors.push(`${where}: genesis is a seed, never a target lane`);
    else if (event.from_lane === "genesis") {
      // The seed leads to planned (or canceled); anything else must be forced.
      if (!event.force && event.to_lane !== "planned" && event.to_lane !== "canceled")
        errors.push(`${where}: illegal transition: genesis -> ${event.to_lane}`);
    } else {
      const verdict = checkTransition({
        from: event.from_lane,
        to: event.to_lane,
        force: event.force,
        actor: event.actor,
        reason: event.reason,
        skipGuards: true,
      });
      if (!verdict.ok) errors.push(`${where}: ${verdict.message}`);
    }
    if (event.mission_slug !== mission.slug)
      warnings.push(`${where}: mission_slug '${event.mission_slug}' differs from '${mission.slug}'`);
    lanes.set(event.wp_id, event.to_lane);
  }
  // The log folded once: the double claims here, the snapshot for the staleness check below.
  const reduced = reduceWithTeam(events, annotations);
  // Two claimants of one WP (two clones claimed it while apart): an error until one is kept.
  for (const conflict of reduced.team.conflicts) {
    const who = conflict.claims.map((c) => `${describeClaimant(c)} at ${c.at}`).join(" and ");
    errors.push(
      `${conflict.wp_id}: double claim: ${who}; keep one with \`${resolveClaimCommand(mission.slug, conflict)}\` (or --keep another claimant)`,
    );
  }
  const snapshot = snapshotPath(mission);
  if (errors.length === 0 && existsSync(snapshot)) {
    const expected = serializeStatusFile(buildStatusFile(mission, reduced.snapshot));
    if (!readFileSync(snapshot).equals(Buffer.from(expected)))
      warnings.push(
        `${displayPath(mission, snapshot)} is stale; run \`spec-kitty agent status materialize\``,
      );
  }
  return {
    valid: errors.length === 0,
    mission_slug: mission.slug,
    event_count: ordered.length,
    errors,
    warnings,
  };
}
