/**
 * `spec-kitty dashboard --export DIR`: the same page as a static site (index.html, the two assets and
 * data.js holding every mission's view and every WP's detail), opened from `file://` with no server.
 * Deterministic: the same files on disk give the same bytes (no clock, no absolute paths; staleness,
 * which depends on the clock, is left out). DIR may be outside the project (CI artifacts): that is the
 * flag's documented opt-in; inside, it is contained like any project path.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkWritableTarget, containedPath, lstatOrNull } from "../fs/safe-path.ts";
import { duplicateNumbers } from "../mission/number.ts";
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
  const duplicates = duplicateNumbers(root);
  for (const pm of projectMissions(root)) {
    const view = missionView(pm, { staleThresholdMin: null, env, duplicates });
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

const refuse = (message: string, fix: string, path: string) =>
  new SpecKittyError("DASHBOARD_EXPORT_TARGET", message, { fix, details: { path } });

/**
 * Where the export goes. A folder of the project is contained like every project path (a symlink on
 * the way leading out is refused); a folder outside the project is the documented opt-in of
 * `--export`, taken as named: it must not itself be a symlink (the export lands where the user said,
 * not where a link points).
 */
function exportDir(root: string, dir: string): string {
  const rel = relative(root, dir);
  if (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return containedPath(root, dir);
  if (lstatOrNull(dir)?.isSymbolicLink()) {
    throw refuse(
      `${dir} is a symlink; refusing to export through it`,
      "pass the folder it points at, or a new one",
      dir,
    );
  }
  return dir;
}

/**
 * DIR must be absent, empty, or hold only a previous export (which is replaced): every file it holds
 * is one of ours and a plain file with one link (not a symlink, folder, device or hard link), checked
 * before the first write so a refusal leaves the folder as it was.
 */
function checkTarget(dir: string): void {
  const stat = lstatOrNull(dir);
  if (stat === null) return;
  if (!stat.isDirectory()) {
    throw refuse(`${dir} exists and is not a directory`, "pass a new or empty directory to --export", dir);
  }
  const foreign = readdirSync(dir).filter((name) => !EXPORT_FILES.includes(name));
  if (foreign.length > 0) {
    throw refuse(
      `${dir} holds files that are not a dashboard export: ${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}`,
      "pass a new or empty directory to --export (an earlier export there is replaced)",
      dir,
    );
  }
  for (const name of EXPORT_FILES) {
    const path = join(dir, name);
    const file = lstatOrNull(path);
    if (file?.isSymbolicLink())
      throw refuse(`${path} is a symlink; refusing to write through it`, `remove ${path}`, path);
    checkWritableTarget(path, file, path);
  }
}

export function exportDashboard(
  root: string,
  target: string,
  env: Record<string, string | undefined>,
): ExportResult {
  const dir = exportDir(root, resolve(root, target));
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
