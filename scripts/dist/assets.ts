/**
 * Everything published next to the binaries, from one list of built targets: an archive per target,
 * the installer the README tells users to download (`install.sh`), `SHA256SUMS` over archives,
 * binaries and the installer, the Homebrew formula and the Scoop manifest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../../src/core/fs/atomic.ts";
import { packTarGz, packZip } from "./archive.ts";
import { renderSums, sha256File } from "./checksums.ts";
import type { ReleaseSite } from "./config.ts";
import { type Asset, homebrewFormula } from "./homebrew.ts";
import { scoopManifest } from "./scoop.ts";

export interface BuiltTarget {
  os: Asset["os"];
  arch: Asset["arch"];
  variant?: string;
  /** `spec-kitty-linux-x64` etc.: the archive's base name. */
  name: string;
  /** The binary's file name inside the dist directory. */
  binary: string;
}

export const FORMULA_FILE = "spec-kitty.rb";
export const SCOOP_FILE = "spec-kitty.json";
export const SUMS_FILE = "SHA256SUMS";
export const INSTALLER_FILE = "install.sh";
/** The installer as it is in the repository; the release carries exactly these bytes. */
export const INSTALLER_SOURCE = join(import.meta.dir, "..", INSTALLER_FILE);

export function archiveName(t: BuiltTarget): string {
  return `${t.name}${t.os === "windows" ? ".zip" : ".tar.gz"}`;
}

export interface ReleaseAssets {
  archives: string[];
  sums: Record<string, string>;
  formula: string | null;
  scoop: string | null;
  installer: string;
}

export function writeReleaseAssets(
  dist: string,
  built: readonly BuiltTarget[],
  version: string,
  site: ReleaseSite,
): ReleaseAssets {
  const sums: Record<string, string> = {};
  const assets: Asset[] = [];
  for (const t of built) {
    const archive = archiveName(t);
    const binary = join(dist, t.binary);
    if (t.os === "windows") packZip(binary, join(dist, archive), "spec-kitty.exe");
    else packTarGz(binary, join(dist, archive), "spec-kitty");
    sums[t.binary] = sha256File(binary);
    sums[archive] = sha256File(join(dist, archive));
    assets.push({ os: t.os, arch: t.arch, variant: t.variant, archive, sha256: sums[archive] as string });
  }
  writeFileAtomic(join(dist, INSTALLER_FILE), readFileSync(INSTALLER_SOURCE), { mode: 0o755 });
  sums[INSTALLER_FILE] = sha256File(join(dist, INSTALLER_FILE));
  writeFileAtomic(join(dist, SUMS_FILE), renderSums(sums));
  let formula: string | null = null;
  if (assets.some((a) => a.os !== "windows" && !a.variant)) {
    formula = FORMULA_FILE;
    writeFileAtomic(join(dist, FORMULA_FILE), homebrewFormula(version, site, assets));
  }
  const manifest = scoopManifest(version, site, assets);
  if (manifest) writeJsonAtomic(join(dist, SCOOP_FILE), manifest);
  return {
    archives: assets.map((a) => a.archive),
    sums,
    formula,
    scoop: manifest ? SCOOP_FILE : null,
    installer: INSTALLER_FILE,
  };
}
