/**
 * Whether this binary may rewrite a project: never when the project was written by something newer
 * than it understands, because "upgrading" it would be a downgrade. Two facts decide:
 * - `.kittify/owned-files.json` names the spec-kitty of this edition that last wrote the owned files;
 *   newer than this binary → its templates are newer than ours.
 * - `.kittify/metadata.yaml` names the spec-kitty (either edition) that set up or upgraded the project.
 *   This binary reads every layout through upstream 3.2.x (schema_version 3); a later minor line or
 *   schema is unknown to it.
 */
import { readProjectMetadata } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import type { OwnedFilesManifest } from "../owned/manifest.ts";
import { MANIFEST_FILE } from "../owned/manifest.ts";
import { compareVersions, parseVersion } from "../release/version.ts";

/** The newest upstream release line whose files this binary reads and writes. */
export const NEWEST_KNOWN_LINE: readonly [number, number] = [3, 2];
/** The highest `spec_kitty.schema_version` this binary knows (upstream 3.2's). */
export const MAX_SCHEMA_VERSION = 3;

export interface ProjectVersions {
  /** `spec_kitty.version` of metadata.yaml, or null. */
  metadata: string | null;
  /** `spec_kitty.schema_version`, or null when absent. */
  schema: number | null;
  /** `spec_kitty_version` of the manifest, or null when there is none. */
  manifest: string | null;
}

export function projectVersions(root: string, manifest: OwnedFilesManifest | null): ProjectVersions {
  const meta = readProjectMetadata(root);
  const schema = (meta?.spec_kitty as Record<string, unknown> | undefined)?.schema_version;
  return {
    metadata: meta?.spec_kitty.version ?? null,
    schema: typeof schema === "number" ? schema : null,
    manifest: manifest?.spec_kitty_version ?? null,
  };
}

/** Why the project is newer than `binary`, or null when this binary may write it. */
export function tooNewReason(versions: ProjectVersions, binary: string): string | null {
  const ours = parseVersion(binary);
  if (versions.schema !== null && versions.schema > MAX_SCHEMA_VERSION) {
    return `.kittify/metadata.yaml has schema_version ${versions.schema}; this spec-kitty (${binary}) knows up to ${MAX_SCHEMA_VERSION}`;
  }
  const manifest = versions.manifest === null ? null : parseVersion(versions.manifest);
  if (ours && manifest && compareVersions(manifest, ours) > 0) {
    return `${MANIFEST_FILE} was written by spec-kitty ${versions.manifest}, newer than this binary (${binary})`;
  }
  const meta = versions.metadata === null ? null : parseVersion(versions.metadata);
  if (ours && meta) {
    const line = (v: readonly number[]) => (v[0] as number) * 1000 + (v[1] as number);
    const ceiling = Math.max(line(ours.release), line(NEWEST_KNOWN_LINE));
    if (line(meta.release) > ceiling) {
      return `.kittify/metadata.yaml says spec-kitty ${versions.metadata} set up this project; this binary (${binary}) reads layouts up to ${NEWEST_KNOWN_LINE.join(".")}.x`;
    }
  }
  return null;
}

/** Refuses (exit 1) to rewrite a project newer than this binary. */
export function assertNotTooNew(versions: ProjectVersions, binary: string): void {
  const reason = tooNewReason(versions, binary);
  if (reason === null) return;
  throw new SpecKittyError("PROJECT_TOO_NEW", `refusing to change this project: ${reason}`, {
    fix: "install a spec-kitty at least as new as the one that last wrote the project (spec-kitty never downgrades a project)",
    details: { ...versions, binary },
  });
}
