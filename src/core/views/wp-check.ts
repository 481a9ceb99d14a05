/**
 * `agent tasks validate-workflow`: one WP's file checked against what the workflow needs: the required
 * frontmatter, an id that matches the file name, known dependencies, an Activity Log, and its lane from
 * the event log. Read-only.
 */
import { basename } from "node:path";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { dependenciesOf, findWpFile, listWpFiles, scalarText } from "../tasks/wp-list.ts";

export interface WpCheck {
  valid: boolean;
  errors: string[];
  warnings: string[];
  task_id: string;
  lane: StatusLane;
  file: string;
}

export function checkWorkflow(mission: MissionRef, wpId: string): WpCheck {
  const all = listWpFiles(mission);
  const wp = findWpFile(mission, wpId, all);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const field of ["work_package_id", "title"]) {
    if (!scalarText(wp.data[field]).trim()) errors.push(`missing required field: ${field}`);
  }
  const declared = scalarText(wp.data.work_package_id);
  if (declared && declared !== wp.id) {
    warnings.push(`work_package_id '${declared}' does not match the file name '${basename(wp.path)}'`);
  }
  for (const dep of dependenciesOf(wp)) {
    if (dep === wp.id) errors.push(`${wp.id} depends on itself`);
    else if (!all.some((other) => other.id === dep)) errors.push(`dependency ${dep} has no WP file`);
  }
  if (!/^## Activity Log\s*$/m.test(wp.tail)) warnings.push("missing ## Activity Log section");
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    task_id: wp.id,
    lane: laneOf(loadSnapshot(mission), wp.id),
    file: wp.name,
  };
}
