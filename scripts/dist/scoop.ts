/** The Scoop manifest (Windows x64), generated from the release targets. */
import { DESCRIPTION, LICENSE, type ReleaseSite } from "./config.ts";
import type { Asset } from "./homebrew.ts";

export interface ScoopManifest {
  version: string;
  description: string;
  homepage: string;
  license: string;
  architecture: { "64bit": { url: string; hash: string } };
  bin: string;
  checkver: { github: string };
  autoupdate: { architecture: { "64bit": { url: string } }; hash: { url: string } };
}

export function scoopManifest(
  version: string,
  site: ReleaseSite,
  assets: readonly Asset[],
): ScoopManifest | null {
  const win = assets.find((a) => a.os === "windows" && a.arch === "x64" && !a.variant);
  if (!win) return null;
  return {
    version,
    description: DESCRIPTION,
    homepage: site.homepage,
    license: LICENSE,
    architecture: { "64bit": { url: `${site.downloadBase(version)}/${win.archive}`, hash: win.sha256 } },
    bin: "spec-kitty.exe",
    checkver: { github: site.homepage },
    autoupdate: {
      // Scoop substitutes $version; the hash is looked up by file name in the release's SHA256SUMS.
      architecture: { "64bit": { url: `${site.homepage}/releases/download/v$version/${win.archive}` } },
      hash: { url: "$baseurl/SHA256SUMS" },
    },
  };
}
