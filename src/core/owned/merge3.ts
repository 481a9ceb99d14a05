/**
 * Line-based three-way merge (the diff3 idea): `base` is what spec-kitty wrote, `ours` the file as the
 * user has it, `theirs` what this binary would write now. Regions only one side changed take that
 * side; regions both changed the same way are taken once; anything else is a conflict, and a conflict
 * is reported, never written.
 */

export type MergeResult = { clean: true; text: string } | { clean: false; conflicts: number };

function lines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** Above this many cells the quadratic LCS is not worth it: any two-sided change is a conflict. */
const MAX_CELLS = 4_000_000;

/** For each line of `base`, the index of the line of `other` it is matched with by an LCS, or -1. */
function matchLines(base: string[], other: string[]): Int32Array | null {
  const n = base.length;
  const m = other.length;
  if (n * m > MAX_CELLS) return null;
  // lcs[i][j] = LCS length of base[i..] and other[j..], kept as one flat table.
  const width = m + 1;
  const lcs = new Int32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        base[i] === other[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const match = new Int32Array(n).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (base[i] === other[j]) {
      match[i] = j;
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
  return match;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

export function merge3(base: string, ours: string, theirs: string): MergeResult {
  if (ours === theirs || theirs === base) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };
  const b = lines(base);
  const o = lines(ours);
  const t = lines(theirs);
  const mo = matchLines(b, o);
  const mt = matchLines(b, t);
  if (!mo || !mt) return { clean: false, conflicts: 1 };

  const out: string[] = [];
  let conflicts = 0;
  let i = 0;
  let io = 0;
  let it = 0;
  for (;;) {
    // A stable run: the same base line at the current position of both sides.
    while (i < b.length && mo[i] === io && mt[i] === it) {
      out.push(b[i] as string);
      i++;
      io++;
      it++;
    }
    if (i >= b.length && io >= o.length && it >= t.length) break;
    // The next base line both sides kept ends the unstable chunk.
    let k = i;
    while (k < b.length && ((mo[k] ?? -1) === -1 || (mt[k] ?? -1) === -1)) k++;
    const eo = k < b.length ? (mo[k] as number) : o.length;
    const et = k < b.length ? (mt[k] as number) : t.length;
    const chunkB = b.slice(i, k);
    const chunkO = o.slice(io, eo);
    const chunkT = t.slice(it, et);
    if (same(chunkO, chunkB)) out.push(...chunkT);
    else if (same(chunkT, chunkB) || same(chunkO, chunkT)) out.push(...chunkO);
    else conflicts++;
    i = k;
    io = eo;
    it = et;
  }
  return conflicts === 0 ? { clean: true, text: out.join("") } : { clean: false, conflicts };
}
