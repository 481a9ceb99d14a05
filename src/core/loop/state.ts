/**
 * A mission's state, read fresh from the files on disk every time: spec.md, plan.md, tasks.md, the WP
 * files, lanes.json and the reduced status log. There is no separate run-state file that could drift
 * from them; `next`, the action commands and move-task all look at the same facts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import planTemplate from "../../templates/mission/plan-template.md" with { type: "text" };
import specTemplate from "../../templates/mission/spec-template.md" with { type: "text" };
import { SpecKittyError } from "../errors.ts";
import { containedPath } from "../fs/safe-path.ts";
import type { LanesManifest } from "../lanes/file.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type MissionView, readMissionView } from "../mission-view/read.ts";
import type { StatusLane } from "../status/lane.ts";
import type { StatusSnapshot } from "../status/reducer.ts";
import type { WpFile } from "../tasks/wp-file.ts";
import { dependenciesOf, scalarText, wpNotFound } from "../tasks/wp-list.ts";

export interface WpView {
  id: string;
  title: string;
  /** Status lane from the reduced log; `planned` (and `hasStatus` false) when the WP has no event yet. */
  lane: StatusLane;
  hasStatus: boolean;
  /** Actor of the WP's latest status event (who holds it while claimed/in progress/in review). */
  actor: string | null;
  /** Frontmatter `agent`: who last took the WP through an action command. */
  agent: string;
  dependencies: string[];
  /** The WP file; null when the log knows the WP but its file is missing or unreadable. */
  file: WpFile | null;
}

export interface MissionState {
  mission: MissionRef;
  specWritten: boolean;
  planWritten: boolean;
  tasksMdExists: boolean;
  wps: WpView[];
  manifest: LanesManifest | null;
  snapshot: StatusSnapshot;
  /** meta.json records an acceptance (`accepted_at`, written by `spec-kitty accept`). */
  accepted: boolean;
  view: MissionView;
}

/**
 * A planning document counts as written when it exists, is not blank and is not still the untouched
 * template it was created from (the project's own template or the embedded one).
 */
export function documentWritten(root: string, path: string, templateName: string, embedded: string): boolean {
  if (!existsSync(path)) return false;
  // Compared as bytes: whatever a document holds (even bytes that are not text), it is written unless
  // it is blank or still a template.
  const bytes = readFileSync(path);
  if (bytes.toString("utf8").trim() === "") return false;
  if (bytes.equals(Buffer.from(embedded))) return false;
  const custom = containedPath(root, join(".kittify", "templates", templateName));
  return !(existsSync(custom) && bytes.equals(readFileSync(custom)));
}

export function readMissionState(
  mission: MissionRef,
  view: MissionView = readMissionView(mission),
): MissionState {
  const snapshot = view.snapshot;
  const wps = view.wps.map((wp): WpView => {
    const data = wp.file?.data;
    return {
      id: wp.id,
      title: scalarText(data?.title) || wp.id,
      lane: wp.lane,
      hasStatus: wp.hasStatus,
      actor: wp.hasStatus ? (wp.state?.actor ?? null) : null,
      agent: scalarText(wp.state?.agent ?? data?.agent),
      dependencies: wp.file ? dependenciesOf(wp.file) : [],
      file: wp.file,
    };
  });
  return {
    mission,
    specWritten: documentWritten(
      mission.root,
      join(mission.dir, "spec.md"),
      "spec-template.md",
      specTemplate,
    ),
    planWritten: documentWritten(
      mission.root,
      join(mission.dir, "plan.md"),
      "plan-template.md",
      planTemplate,
    ),
    tasksMdExists: existsSync(join(mission.dir, "tasks.md")),
    wps,
    manifest: view.manifest,
    snapshot,
    accepted: typeof mission.meta.accepted_at === "string" && mission.meta.accepted_at !== "",
    view,
  };
}

/** A WP whose file could be read: what the action commands work on. */
export type FiledWp = WpView & { file: WpFile };

/** The WP with its file, or an error saying why an action on it cannot proceed without one. */
export function withFile(wp: WpView, state: MissionState): FiledWp {
  if (wp.file) return wp as FiledWp;
  const seen = state.view.wps.find((w) => w.id === wp.id);
  const what = seen?.fileName
    ? `${seen.fileName} cannot be read (see \`spec-kitty agent tasks status\` warnings)`
    : `kitty-specs/${state.mission.slug}/tasks/ has no ${wp.id} file (the event log knows it)`;
  throw new SpecKittyError("WP_FILE_UNAVAILABLE", `${wp.id}: ${what}`, {
    fix: "restore or repair the WP file, then run the command again",
    details: { wp_id: wp.id },
  });
}

/** Lanes in which a dependency counts as finished, so its dependents may start. */
/** The WP named on the command line, or WP_NOT_FOUND listing the mission's WPs. */
export function namedWp(state: MissionState, wpId: string): WpView {
  const wp = state.wps.find((w) => w.id === wpId);
  if (wp) return wp;
  throw wpNotFound(state.mission, wpId, state.wps);
}

export const DEPENDENCY_MET: ReadonlySet<StatusLane> = new Set<StatusLane>(["approved", "done"]);

export interface UnmetDependency {
  wpId: string;
  /** Its lane, or null when no WP with that id exists. */
  lane: StatusLane | null;
}

/**
 * THE dependency gate: the dependencies of `wp` that are not approved or done yet. `next` hands out
 * only WPs for which this is empty, and `agent action implement` refuses the others, so the loop and
 * the actions can never disagree.
 */
export function unmetDependencies(state: MissionState, wp: WpView): UnmetDependency[] {
  return unmetAmong(wp.dependencies, (id) => state.wps.find((other) => other.id === id)?.lane ?? null);
}

/** The gate itself, for callers that hold the lanes another way (move-task, under the status lock). */
export function unmetAmong(
  dependencies: readonly string[],
  laneOfWp: (id: string) => StatusLane | null,
): UnmetDependency[] {
  return dependencies
    .map((id) => ({ wpId: id, lane: laneOfWp(id) }))
    .filter((dep) => dep.lane === null || !DEPENDENCY_MET.has(dep.lane));
}

export function describeUnmet(unmet: readonly UnmetDependency[]): string {
  return unmet.map((d) => (d.lane === null ? `${d.wpId} (no such WP)` : `${d.wpId} (${d.lane})`)).join(", ");
}

/** Actors that claim on nobody's behalf: `move-task` without --agent, and the internal `implement`. */
const UNATTRIBUTED: ReadonlySet<string> = new Set(["user", "implement-command"]);

/**
 * Whether `agent` may carry on with a WP that is claimed, in progress or in review: it holds it, or
 * the holder is unattributed and the WP file names this agent or no agent at all.
 */
export function heldBy(wp: WpView, agent: string): boolean {
  return mayContinue(wp.actor, wp.agent, agent);
}

/** `heldBy` on raw facts: the latest event's actor and the WP file's `agent`. */
export function mayContinue(holder: string | null, fileAgent: string, agent: string): boolean {
  if (holder === agent) return true;
  return holder !== null && UNATTRIBUTED.has(holder) && (fileAgent === agent || fileAgent === "");
}
