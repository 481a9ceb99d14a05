/**
 * Where releases are published. One place: the archive URLs in the Homebrew formula and the Scoop
 * manifest are built from it, and `scripts/install.sh` carries the same repository (a test checks).
 * `SPEC_KITTY_RELEASE_REPO` overrides it when building from a fork.
 */
export const DEFAULT_REPOSITORY = "spec-kitty/spec-kitty-bun";

export interface ReleaseSite {
  repository: string;
  homepage: string;
  /** Base URL of one version's assets: `<downloadBase>/<archive name>`. */
  downloadBase: (version: string) => string;
}

export function releaseSite(env: Record<string, string | undefined> = {}): ReleaseSite {
  const repository = env.SPEC_KITTY_RELEASE_REPO || DEFAULT_REPOSITORY;
  const homepage = `https://github.com/${repository}`;
  return { repository, homepage, downloadBase: (version) => `${homepage}/releases/download/v${version}` };
}

export const DESCRIPTION = "Spec-driven development for AI coding agents, as one compiled binary";
export const LICENSE = "MIT";
