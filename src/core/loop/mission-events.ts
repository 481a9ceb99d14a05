/**
 * `kitty-specs/<slug>/mission-events.jsonl`: one `MissionNextInvoked` line per advancing `next` call,
 * in spec-kitty 3.1's shape (sorted keys, Python separators). It is a journal of what agents reported,
 * never an input to the state machine: the mission's files alone decide the next step.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { missionEventLine } from "../../schema/mission-events.ts";
import { SchemaErrors } from "../../schema/runtime.ts";
import { InvalidFileError } from "../errors.ts";
import { appendLines } from "../fs/append.ts";
import { withLock } from "../fs/lock.ts";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { repoLockPath } from "../project.ts";
import { pyJsonDumps } from "../pyjson.ts";

export const MISSION_EVENTS_FILE = "mission-events.jsonl";

export interface NextInvokedPayload {
  action: string | null;
  agent: string;
  decision_kind: string;
  mission_state: string;
  result_input: string;
  wp_id: string | null;
}

export function missionEventsPath(mission: MissionRef): string {
  return containedPath(mission.root, join(mission.dir, MISSION_EVENTS_FILE));
}

export function recordNextInvoked(
  mission: MissionRef,
  missionType: string,
  payload: NextInvokedPayload,
  timestamp: string,
): Promise<void> {
  const line = pyJsonDumps({ mission: missionType, payload, timestamp, type: "MissionNextInvoked" });
  return withLock(repoLockPath(mission.root, "mission-events"), () =>
    appendLines(missionEventsPath(mission), [line]),
  );
}

/**
 * The latest step this agent was given by an advancing `next` (null when there is none). A corrupt
 * line is an error naming the file and line, like every other file we read.
 */
export function lastIssued(mission: MissionRef, agent: string): NextInvokedPayload | null {
  const path = missionEventsPath(mission);
  if (!existsSync(path)) return null;
  const name = `kitty-specs/${mission.slug}/${MISSION_EVENTS_FILE}`;
  const lines = readTextFile(path, name).split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = lines[i]?.trim();
    if (!text) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new InvalidFileError(name, `not valid JSON (${(error as Error).message})`, { line: i + 1 });
    }
    const event = missionEventLine(raw);
    if (event instanceof SchemaErrors) throw new InvalidFileError(name, event.summary, { line: i + 1 });
    const p = event.payload;
    if (event.type !== "MissionNextInvoked" || !p || p.agent !== agent) continue;
    if (p.decision_kind !== "step") return null;
    return {
      action: p.action ?? null,
      agent,
      decision_kind: "step",
      mission_state: p.mission_state ?? "",
      result_input: p.result_input ?? "",
      wp_id: p.wp_id ?? null,
    };
  }
  return null;
}
