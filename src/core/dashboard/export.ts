/**
 * `spec-kitty dashboard --export DIR`: the same page as a static site (index.html, the two assets and
 * data.js holding every mission's view and every WP's detail), opened from `file://` with no server.
 * Deterministic: the same files on disk give the same bytes (no clock, no absolute paths; staleness,
 * which depends on the clock, is left out).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { type MissionView, missionView } from "../views/cards.ts";
import { projectMissions } from "../views/missions.ts";
import { type WpDetail, wpDetail } from "../views/wp-detail.ts";
import { ASSETS, pageHtml, SNAPSHOT_SCRIPT } from "./assets.ts";

export const EXPORT_FILES: readonly string[] = ["index.html", ...Object.keys(ASSETS), SNAPSHOT_SCRIPT];

export interface Snapshot {
  project: string;
  version: number;
  missions: MissionView[];
  details: Record<string, Record<string, WpDetail>>;
}

export interface ExportResult {
  dir: string;
  files: string[];
  missions: number;
  work_packages: number;
}

/** Everything the static page shows, read now. */
export function buildSnapshot(root: string, env: Record<string, string | undefined>): Snapshot {
  const missions: MissionView[] = [];
  const details: Snapshot["details"] = {};
  for (const pm of projectMissions(root)) {
    const view = missionView(pm, { staleThresholdMin: null, env });
    missions.push(view);
    details[pm.key] = Object.fromEntries(view.work_packages.map((card) => [card.id, wpDetail(pm, card)]));
  }
  return { project: basename(root), version: 0, missions, details };
}

/** The exported files' contents, by name. */
export function renderExport(snapshot: Snapshot): Map<string, string> {
  // `<` escaped so no text from the project can close a script element if data.js is ever inlined.
  const data = JSON.stringify(snapshot).replace(/</g, "\\u003c");
  return new Map<string, string>([
    ["index.html", pageHtml(true)],
    ...Object.entries(ASSETS).map(([name, asset]): [string, string] => [name, asset.body]),
    [SNAPSHOT_SCRIPT, `window.SPEC_KITTY_SNAPSHOT = ${data};\n`],
  ]);
}

/** DIR must be absent, empty, or hold only a previous export (which is replaced). */
function checkTarget(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new SpecKittyError("DASHBOARD_EXPORT_TARGET", `${dir} exists and is not a directory`, {
      fix: "pass a new or empty directory to --export",
    });
  }
  const foreign = readdirSync(dir).filter((name) => !EXPORT_FILES.includes(name));
  if (foreign.length > 0) {
    throw new SpecKittyError(
      "DASHBOARD_EXPORT_TARGET",
      `${dir} holds files that are not a dashboard export: ${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}`,
      { fix: "pass a new or empty directory to --export (an earlier export there is replaced)" },
    );
  }
}

export function exportDashboard(
  root: string,
  target: string,
  env: Record<string, string | undefined>,
): ExportResult {
  const dir = resolve(target);
  checkTarget(dir);
  const snapshot = buildSnapshot(root, env);
  const files = renderExport(snapshot);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileAtomic(join(dir, name), content);
  return {
    dir,
    files: [...files.keys()],
    missions: snapshot.missions.length,
    work_packages: snapshot.missions.reduce((sum, m) => sum + m.total_wps, 0),
  };
}
