/**
 * Grouping WPs into execution lanes. Code WPs joined by a dependency (or by overlapping owned files)
 * share a lane, so a lane is a chain of work done in one worktree in order; independent groups get
 * their own lanes and run in parallel. Every planning-artifact WP goes into `lane-planning` (the main
 * checkout), appended last. Every WP lands in exactly one lane.
 */
import { compareWpIds } from "../../schema/wp-frontmatter.ts";
import type { ExecutionMode, OwnerOverlap } from "./ownership.ts";

export interface LaneInputWp {
  id: string;
  dependencies: string[];
  executionMode: ExecutionMode;
  ownedFiles: string[];
  /** WP file body, for predicted surfaces. */
  body: string;
}

export interface ExecutionLane {
  lane_id: string;
  wp_ids: string[];
  write_scope: string[];
  predicted_surfaces: string[];
  depends_on_lanes: string[];
  parallel_group: number;
}

export interface CollapseEvent {
  wp_a: string;
  wp_b: string;
  rule: "dependency" | "write_scope_overlap";
  evidence: string;
}

export interface LaneComputation {
  lanes: ExecutionLane[];
  planningArtifactWps: string[];
  collapseEvents: CollapseEvent[];
}

export const PLANNING_LANE = "lane-planning";

const SURFACES: [string, string[]][] = [
  ["dashboard", ["dashboard", "landing page", "landing-page"]],
  ["workspace", ["workspace", "mission workspace"]],
  ["app-shell", ["app shell", "app-shell", "navigation", "sidebar", "layout"]],
  ["legacy-cleanup", ["legacy", "cleanup", "deprecat", "remov"]],
  ["tests", ["test suite", "test infrastructure", "e2e test", "integration test"]],
  ["tracker-integration", ["tracker", "saas", "sync"]],
  ["artifact-rendering", ["artifact", "render", "template"]],
  ["api", ["api", "endpoint", "route", "view"]],
];

function surfacesOf(body: string): string[] {
  const text = body.toLowerCase();
  return SURFACES.filter(([, words]) => words.some((w) => text.includes(w))).map(([name]) => name);
}

/** lane-a … lane-z, then lane-aa, lane-ab … (bijective base 26) for missions with many parallel groups. */
export function laneName(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    n--;
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  }
  return `lane-${out}`;
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

/** Kahn's order within a lane, ready set kept sorted, so a lane lists WPs in the order to do them. */
function topoOrder(ids: string[], deps: Map<string, string[]>): string[] {
  const members = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    for (const dep of deps.get(id) ?? []) {
      if (!members.has(dep) || dep === id) continue;
      indegree.set(id, (indegree.get(id) ?? 0) + 1);
      const list = dependents.get(dep);
      if (list) list.push(id);
      else dependents.set(dep, [id]);
    }
  }
  const ready = ids.filter((id) => indegree.get(id) === 0).sort(compareWpIds);
  const out: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    out.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) {
        const at = ready.findIndex((r) => compareWpIds(r, next) > 0);
        ready.splice(at === -1 ? ready.length : at, 0, next);
      }
    }
  }
  return out.length === ids.length ? out : ids.slice().sort(compareWpIds); // a cycle is rejected before we get here
}

export function computeLanes(wps: LaneInputWp[], overlaps: OwnerOverlap[] = []): LaneComputation {
  const byId = new Map(wps.map((wp) => [wp.id, wp]));
  const ids = [...byId.keys()].sort(compareWpIds);
  const planning = ids.filter((id) => byId.get(id)?.executionMode === "planning_artifact");
  const code = ids.filter((id) => byId.get(id)?.executionMode !== "planning_artifact");
  const parent = new Map(code.map((id) => [id, id]));
  const find = (id: string): string => {
    let x = id;
    while (parent.get(x) !== x) {
      const up = parent.get(parent.get(x) as string) as string;
      parent.set(x, up);
      x = up;
    }
    return x;
  };
  const events: CollapseEvent[] = [];
  const union = (a: string, b: string, rule: CollapseEvent["rule"], evidence: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller id becomes the root, so a group's root is always its first WP.
    if (compareWpIds(ra, rb) < 0) parent.set(rb, ra);
    else parent.set(ra, rb);
    events.push({ wp_a: a, wp_b: b, rule, evidence });
  };
  const deps = new Map(wps.map((wp) => [wp.id, wp.dependencies]));
  for (const id of code) {
    for (const dep of deps.get(id) ?? [])
      if (parent.has(dep)) union(id, dep, "dependency", `${id} depends on ${dep}`);
  }
  for (const o of overlaps) {
    if (parent.has(o.a) && parent.has(o.b)) {
      union(o.a, o.b, "write_scope_overlap", `overlapping globs: '${o.globA}' vs '${o.globB}'`);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of code) {
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  }
  const ordered = [...groups.values()].sort((x, y) => compareWpIds(x[0] as string, y[0] as string));
  const lanes: ExecutionLane[] = ordered.map((members, index) => ({
    lane_id: laneName(index),
    wp_ids: topoOrder(members, deps),
    write_scope: sorted(members.flatMap((id) => byId.get(id)?.ownedFiles ?? [])),
    predicted_surfaces: sorted(members.flatMap((id) => surfacesOf(byId.get(id)?.body ?? ""))),
    depends_on_lanes: [],
    parallel_group: 0,
  }));
  if (planning.length > 0) {
    lanes.push({
      lane_id: PLANNING_LANE,
      wp_ids: planning,
      write_scope: sorted(planning.flatMap((id) => byId.get(id)?.ownedFiles ?? [])),
      predicted_surfaces: ["planning"],
      depends_on_lanes: [],
      parallel_group: 0,
    });
  }
  return { lanes, planningArtifactWps: planning, collapseEvents: events };
}

/** `collapse_report` as lanes.json and finalize's JSON carry it, or null when nothing was merged. */
export function collapseReport(events: CollapseEvent[], deps: Map<string, string[]>) {
  if (events.length === 0) return null;
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(deps.get(id) ?? []));
    }
    return false;
  };
  const byRule: Record<string, number> = {};
  for (const e of events) byRule[e.rule] = (byRule[e.rule] ?? 0) + 1;
  return {
    events,
    total_merges: events.length,
    independent_wps_collapsed: events.filter(
      (e) => e.rule !== "dependency" && !reaches(e.wp_a, e.wp_b) && !reaches(e.wp_b, e.wp_a),
    ).length,
    by_rule: byRule,
  };
}
