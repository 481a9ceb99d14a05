/** Project files that every other check needs: config, metadata, the manifest; and version skew. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE, METADATA_FILE, readProjectConfig, readProjectMetadata } from "../config.ts";
import { isSpecKittyError } from "../errors.ts";
import { MANIFEST_FILE } from "../owned/manifest.ts";
import { readManifest } from "../owned/manifest-read.ts";
import { compareVersions, parseVersion } from "../release/version.ts";
import { projectVersions, tooNewReason } from "../upgrade/version-gate.ts";
import type { DoctorContext, Finding } from "./types.ts";

/** Each file read on its own, so one broken file is named and the others still checked. */
export function checkProjectFiles(ctx: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  const attempt = (file: string, read: () => unknown) => {
    try {
      read();
    } catch (error) {
      if (!isSpecKittyError(error)) throw error;
      findings.push({
        check: "project_files",
        severity: "error",
        message: error.message,
        subject: file,
        fix: error.fix,
      });
    }
  };
  attempt(CONFIG_FILE, () => readProjectConfig(ctx.root));
  attempt(MANIFEST_FILE, () => readManifest(ctx.root));
  if (!existsSync(join(ctx.root, METADATA_FILE))) {
    findings.push({
      check: "project_files",
      severity: "warning",
      message: `${METADATA_FILE} is missing: no record of which spec-kitty set the project up`,
      subject: METADATA_FILE,
      fix: "spec-kitty upgrade",
    });
  } else attempt(METADATA_FILE, () => readProjectMetadata(ctx.root));
  return findings;
}

export function checkVersionSkew(ctx: DoctorContext, pendingMigrations: readonly string[]): Finding[] {
  let manifest = null;
  try {
    manifest = readManifest(ctx.root);
  } catch {
    // reported by checkProjectFiles
  }
  let versions: ReturnType<typeof projectVersions>;
  try {
    versions = projectVersions(ctx.root, manifest);
  } catch {
    return [];
  }
  const tooNew = tooNewReason(versions, ctx.version);
  if (tooNew) {
    return [
      {
        check: "version_skew",
        severity: "error",
        message: `this binary is older than the project: ${tooNew}`,
        fix: "install a newer spec-kitty",
      },
    ];
  }
  const findings: Finding[] = [];
  const recorded = versions.metadata === null ? null : parseVersion(versions.metadata);
  const ours = parseVersion(ctx.version);
  if (recorded && ours && compareVersions(recorded, ours) > 0) {
    findings.push({
      check: "version_skew",
      severity: "info",
      message: `the project was last upgraded by spec-kitty ${versions.metadata}, newer than this binary (${ctx.version}); its layout is one this binary reads`,
    });
  }
  if (pendingMigrations.length > 0) {
    findings.push({
      check: "version_skew",
      severity: "warning",
      message: `the project is behind this spec-kitty (${ctx.version}): pending migrations ${pendingMigrations.join(", ")}`,
      fix: "spec-kitty upgrade --dry-run",
    });
  }
  return findings;
}
