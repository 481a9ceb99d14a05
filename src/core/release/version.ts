/**
 * Release versions in the two grammars a project may use: semver (`3.1.1`, `3.1.1-rc.1`, `1.0.0+build`)
 * and PEP 440 (`3.1.1rc1`, `3.1.1a3`, `3.1.1.post1`, `3.1.1.dev2`). Both parse into one shape so that
 * `3.1.1-rc.1` and `3.1.1rc1` compare equal and `3.1.1a3 < 3.1.1rc1 < 3.1.1 < 3.1.1.post1` holds.
 */

export type Identifier = string | number;

export interface Version {
  raw: string;
  style: "semver" | "pep440";
  release: [number, number, number];
  /** Pre-release identifiers (`["rc", 1]`); null for a final release. Stage names are normalised. */
  pre: Identifier[] | null;
  post: number | null;
  dev: number | null;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

// PEP 440 restricted to three release segments (what every tool here writes), with its spelling variants
// but without leading zeros: a release gate wants the canonical spelling, not every one PEP 440 accepts.
const N = "(0|[1-9]\\d*)";
const PEP440 = new RegExp(
  `^${N}\\.${N}\\.${N}(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?${N}?)?(?:[-_.]?(?:post|rev|r)[-_.]?${N})?(?:[-_.]?dev[-_.]?${N}?)?$`,
  "i",
);

const STAGE: Record<string, string> = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc",
};

function identifier(part: string): Identifier {
  if (/^\d+$/.test(part)) return Number(part);
  return STAGE[part.toLowerCase()] ?? part;
}

/** Parses a version (a leading `v` is not part of a version; tags strip it first). Null if malformed. */
export function parseVersion(raw: string): Version | null {
  const semver = SEMVER.exec(raw);
  if (semver) {
    return {
      raw,
      style: "semver",
      release: [Number(semver[1]), Number(semver[2]), Number(semver[3])],
      pre: semver[4] === undefined ? null : semver[4].split(".").map(identifier),
      post: null,
      dev: null,
    };
  }
  const pep = PEP440.exec(raw);
  if (!pep) return null;
  const stage = pep[4]?.toLowerCase();
  return {
    raw,
    style: "pep440",
    release: [Number(pep[1]), Number(pep[2]), Number(pep[3])],
    pre: stage === undefined ? null : [STAGE[stage] ?? stage, Number(pep[5] ?? 0)],
    post: pep[6] === undefined ? null : Number(pep[6]),
    dev: pep[7] === undefined ? (/dev/i.test(raw) ? 0 : null) : Number(pep[7]),
  };
}

function compareIdentifiers(a: Identifier[], b: Identifier[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1; // semver: a shorter list of equal prefix sorts first
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x < y ? -1 : 1;
    if (typeof x === "number") return -1; // numeric identifiers sort before alphanumeric ones
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Rank of the part after the release numbers: a bare `.devN` < pre-releases < final. */
function phase(v: Version): number {
  if (v.pre) return 1;
  return v.dev !== null && v.post === null ? 0 : 2;
}

/** Total order over both grammars; build metadata (`+…`) is ignored as semver says. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.release[i] as number) - (b.release[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const pa = phase(a);
  const pb = phase(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.pre && b.pre) {
    const d = compareIdentifiers(a.pre, b.pre);
    if (d !== 0) return d;
  }
  const post = (a.post ?? -1) - (b.post ?? -1);
  if (post !== 0) return post < 0 ? -1 : 1;
  // A `.devN` comes before the same version without it.
  const da = a.dev ?? Number.POSITIVE_INFINITY;
  const db = b.dev ?? Number.POSITIVE_INFINITY;
  return da === db ? 0 : da < db ? -1 : 1;
}

export function sameVersion(a: Version, b: Version): boolean {
  return compareVersions(a, b) === 0;
}

export type Channel = "stable" | "rc";

/**
 * The next version for a channel, written in the current version's own grammar:
 * stable: a pre-release becomes its final release, a final release gets the next patch;
 * rc: a release candidate counts up, an alpha/beta becomes rc 1, a final release becomes rc 1 of the
 * next patch. `style` picks the spelling when the current version fits both (a final `3.1.1` from
 * pyproject.toml should become `3.1.2rc1`, from package.json `3.1.2-rc.1`).
 */
export function proposeVersion(
  current: Version,
  channel: Channel,
  style: Version["style"] = current.style,
): string {
  const [major, minor, patch] = current.release;
  const isPre = current.pre !== null || (current.dev !== null && current.post === null);
  const base = (p: number) => `${major}.${minor}.${p}`;
  const rc = (p: number, n: number) => (style === "pep440" ? `${base(p)}rc${n}` : `${base(p)}-rc.${n}`);
  if (channel === "stable") return isPre ? base(patch) : base(patch + 1);
  if (!isPre) return rc(patch + 1, 1);
  const pre = current.pre ?? [];
  const last = pre[pre.length - 1];
  if (pre[0] === "rc" && typeof last === "number" && current.dev === null) return rc(patch, last + 1);
  if (pre[0] === "rc" && current.dev !== null && typeof last === "number") return rc(patch, last);
  return rc(patch, 1);
}
