/**
 * The orchestrator-api contract version this binary implements, and the one compatibility check the
 * host makes: the provider's version (PEP 440, as the original parses it) must not be below
 * MIN_PROVIDER_VERSION. Providers check the other direction themselves (host `api_version` against
 * their own minimum, as dotted integers).
 *
 * 1.0.0  nine commands; 1.1.0 start-implementation allocates the lane worktree (lane_* keys);
 * 1.2.0  read-only resolve-workspace; 1.3.0 transition --review-result-json.
 */
import { SpecKittyError } from "../errors.ts";

export const CONTRACT_VERSION = "1.3.0";
export const MIN_PROVIDER_VERSION = "0.1.0";

/** A PEP 440 version reduced to what ordering needs (the local `+…` part never orders releases). */
interface Pep440 {
  epoch: number;
  release: number[];
  /** [rank of a|b|rc, number]; null for none. */
  pre: [number, number] | null;
  post: number | null;
  dev: number | null;
}

// PEP 440's own grammar (appendix B), case-insensitive, surrounding whitespace and a leading `v` allowed.
const PEP440 = new RegExp(
  "^\\s*v?(?:(?<epoch>\\d+)!)?(?<release>\\d+(?:\\.\\d+)*)" +
    "(?:[-_.]?(?<pre>a|b|c|rc|alpha|beta|pre|preview)[-_.]?(?<preN>\\d+)?)?" +
    "(?:-(?<postImplicit>\\d+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>\\d+)?)?" +
    "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>\\d+)?)?" +
    "(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*$",
  "i",
);

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

function parsePep440(text: string): Pep440 | null {
  const g = PEP440.exec(text)?.groups;
  if (!g) return null;
  const post = g.postImplicit ?? (g.post === undefined ? undefined : (g.postN ?? "0"));
  return {
    epoch: Number(g.epoch ?? 0),
    release: (g.release as string).split(".").map(Number),
    pre: g.pre === undefined ? null : [PRE_RANK[g.pre.toLowerCase()] ?? 0, Number(g.preN ?? 0)],
    post: post === undefined ? null : Number(post),
    dev: g.dev === undefined ? null : Number(g.devN ?? 0),
  };
}

/** The sort key PEP 440 defines: a bare `.devN` sorts before pre-releases, which sort before finals. */
function comparePep440(a: Pep440, b: Pep440): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const x = a.release[i] ?? 0;
    const y = b.release[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  const preKey = (v: Pep440): [number, number, number] =>
    v.pre ? [1, v.pre[0], v.pre[1]] : v.dev !== null && v.post === null ? [0, 0, 0] : [2, 0, 0];
  const [pa, pb] = [preKey(a), preKey(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] as number) < (pb[i] as number) ? -1 : 1;
  const post = (a.post ?? -1) - (b.post ?? -1);
  if (post !== 0) return post < 0 ? -1 : 1;
  const da = a.dev ?? Number.POSITIVE_INFINITY;
  const db = b.dev ?? Number.POSITIVE_INFINITY;
  return da === db ? 0 : da < db ? -1 : 1;
}

export interface ContractVersionData {
  api_version: string;
  min_supported_provider_version: string;
}

/**
 * `contract-version [--provider-version V]`: the host's version, or CONTRACT_VERSION_MISMATCH when
 * the provider is older than the minimum (or its version does not parse), with the original's data.
 */
export function contractVersion(providerVersion?: string): ContractVersionData {
  if (providerVersion !== undefined) {
    const parsed = parsePep440(providerVersion);
    if (!parsed) {
      throw new SpecKittyError(
        "CONTRACT_VERSION_MISMATCH",
        `Provider version '${providerVersion}' is not a valid version string`,
        { details: { provider_version: providerVersion } },
      );
    }
    if (comparePep440(parsed, parsePep440(MIN_PROVIDER_VERSION) as Pep440) < 0) {
      throw new SpecKittyError(
        "CONTRACT_VERSION_MISMATCH",
        `Provider version '${providerVersion}' is below minimum '${MIN_PROVIDER_VERSION}'`,
        {
          details: {
            provider_version: providerVersion,
            min_supported_provider_version: MIN_PROVIDER_VERSION,
            api_version: CONTRACT_VERSION,
          },
        },
      );
    }
  }
  return { api_version: CONTRACT_VERSION, min_supported_provider_version: MIN_PROVIDER_VERSION };
}

/** Exposed for tests: PEP 440 ordering of two version strings (null when either does not parse). */
export function comparePep440Strings(a: string, b: string): number | null {
  const x = parsePep440(a);
  const y = parsePep440(b);
  return x && y ? comparePep440(x, y) : null;
}
