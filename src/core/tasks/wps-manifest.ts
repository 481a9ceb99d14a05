/**
 * `wps.yaml`, the structured WP manifest spec-kitty 3.1 made the primary dependency source of
 * finalize-tasks. Read only: its presence makes it authoritative over tasks.md prose.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../../schema/check.ts";
import { WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";
import { wpsManifestSchema } from "../../schema/wps-manifest.ts";
import { InvalidFileError } from "../errors.ts";
import { parseYaml, readTextFile } from "../fs/text.ts";
import type { MissionRef } from "../mission/resolve.ts";

export interface ManifestWp {
  id: string;
  /** The declared dependencies; [] when the entry has no `dependencies` key (only an explicit key counts). */
  dependencies: string[];
  requirementRefs: string[];
}

export interface WpsManifest {
  file: string;
  wps: ManifestWp[];
}

/** The mission's wps.yaml, or null when it has none. A file that does not load is an error (file, line). */
export function readWpsManifest(mission: Pick<MissionRef, "dir" | "slug">): WpsManifest | null {
  const path = join(mission.dir, "wps.yaml");
  if (!existsSync(path)) return null;
  const file = `kitty-specs/${mission.slug}/wps.yaml`;
  const raw = checkFile(wpsManifestSchema, parseYaml(readTextFile(path, file), file) ?? {}, file);
  const seen = new Set<string>();
  const wps = raw.work_packages.map((entry): ManifestWp => {
    if (!WP_ID_PATTERN.test(entry.id))
      throw new InvalidFileError(file, `'${entry.id}' is not a work package id (WP and two digits)`);
    if (seen.has(entry.id)) throw new InvalidFileError(file, `${entry.id} is listed twice`);
    seen.add(entry.id);
    return {
      id: entry.id,
      dependencies: entry.dependencies ?? [],
      requirementRefs: entry.requirement_refs ?? [],
    };
  });
  return { file, wps };
}
