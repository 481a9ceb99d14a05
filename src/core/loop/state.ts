/**
 * A mission's state, read fresh from the files on disk every time: spec.md, plan.md, tasks.md, the WP
 * files, lanes.json and the reduced status log. There is no separate run-state file that could drift
 * from them; `next`, the action commands and move-task all look at the same facts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { gitPerson } from "../git/identity.ts";
import type { LanesManifest } from "../lanes/file.ts";
import { type TemplatedDocument, unfilledLines } from "../mission/placeholders.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type MissionView, readMissionView } from "../mission-view/read.ts";
import { type Claimant, type ClaimConflict, isPersonActor, sameClaimant } from "../status/claims.ts";
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
  /** The person (git e-mail) that event recorded, when it recorded one. */
  person: string | null;
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
  /** Why spec.md / plan.md do not count as written yet (empty once they do). */
  specGaps: string[];
  planGaps: string[];
  tasksMdExists: boolean;
  wps: WpView[];
  manifest: LanesManifest | null;
  snapshot: StatusSnapshot;
  /** meta.json records an acceptance (`accepted_at`, written by `spec-kitty accept`). */
  accepted: boolean;
  /** WPs two claimants claimed (after a sync), unresolved. */
  conflicts: ClaimConflict[];
  view: MissionView;
}

/**
 * Why a planning document does not count as written yet (empty when it does): it is missing, blank,
 * or still holds its template's `[BRACKETED]` placeholders. Once the mission has moved on (`movedOn`:
 * the plan or tasks exist), leftover template text no longer sends the loop back a step; `accept`
 * reports it instead.
 */
export function documentGaps(
  root: string,
  path: string,
  document: TemplatedDocument,
  movedOn: boolean,
): string[] {
  const name = relative(root, path);
  if (!existsSync(path)) return [`${name} does not exist yet`];
  // Read as bytes: whatever a document holds (even bytes that are not text), it is written unless it
  // is blank or still template text.
  const text = readFileSync(path).toString("utf8");
  if (text.trim() === "") return [`${name} is empty`];
  if (movedOn) return [];
  const lines = unfilledLines(root, document, text);
  if (lines.length === 0) return [];
  const shown = lines.slice(0, 3).map((l) => `line ${l.line}: ${l.text}`);
  return [
    `${name} still holds ${lines.length} line(s) of template text (${shown.join("; ")}${lines.length > 3 ? "; …" : ""}): replace every [BRACKETED] placeholder`,
  ];
}

export function readMissionState(
  mission: MissionRef,
  view: MissionView = readMissionView(mission),
): MissionState {
  const snapshot = view.snapshot;
  const tasksMdExists = existsSync(join(mission.dir, "tasks.md"));
  const planFile = join(mission.dir, "plan.md");
  const specGaps = documentGaps(
    mission.root,
    join(mission.dir, "spec.md"),
    "spec.md",
    tasksMdExists || existsSync(planFile),
  );
  const planGaps = documentGaps(mission.root, planFile, "plan.md", tasksMdExists);
  const wps = view.wps.map((wp): WpView => {
    const data = wp.file?.data;
    return {
      id: wp.id,
      title: scalarText(data?.title) || wp.id,
      lane: wp.lane,
      hasStatus: wp.hasStatus,
      actor: wp.hasStatus ? (wp.state?.actor ?? null) : null,
      person: wp.hasStatus ? (view.team.holders.get(wp.id)?.person ?? null) : null,
      agent: scalarText(wp.state?.agent ?? data?.agent),
      dependencies: wp.file ? dependenciesOf(wp.file) : [],
      file: wp.file,
    };
  });
  return {
    mission,
    specWritten: specGaps.length === 0,
    planWritten: planGaps.length === 0,
    specGaps,
    planGaps,
    tasksMdExists,
    wps,
    manifest: view.manifest,
    snapshot,
    accepted: typeof mission.meta.accepted_at === "string" && mission.meta.accepted_at !== "",
    conflicts: view.team.conflicts,
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
 * Whether `me` may carry on with a WP that is claimed, in progress or in review: I hold it (same actor
 * and, when both are recorded, the same person: two people running `claude` are two claimants), or
 * the holder is unattributed, mine as far as the person goes, and the WP file names my actor or none.
 */
export function heldBy(wp: WpView, me: Claimant): boolean {
  return mayContinue(wp.actor === null ? null : { actor: wp.actor, person: wp.person }, wp.agent, me);
}

/** `heldBy` on raw facts: the latest event's claimant and the WP file's `agent`. */
export function mayContinue(holder: Claimant | null, fileAgent: string, me: Claimant): boolean {
  if (holder === null) return false;
  if (sameClaimant(holder, me)) return true;
  // A person who moved the WP without naming an agent is recorded as their own e-mail.
  const unattributed = UNATTRIBUTED.has(holder.actor) || isPersonActor(holder);
  if (!unattributed || (fileAgent !== me.actor && fileAgent !== "")) return false;
  return holder.person === null || me.person === null || holder.person === me.person;
}

/**
 * `actor` as a claimant whose person (git e-mail) is asked of git only when a comparison needs it:
 * a `next` that meets no WP held under the same name never runs git for it.
 */
export function claimantOf(actor: string, root: string, env: Record<string, string | undefined>): Claimant {
  let asked = false;
  let person: string | null = null;
  return {
    actor,
    get person() {
      if (!asked) person = gitPerson(root, { env });
      asked = true;
      return person;
    },
  };
}
