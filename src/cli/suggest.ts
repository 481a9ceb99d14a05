/** "Did you mean …?" for mistyped commands and flags: the closest candidate, if it is close enough. */

/** Levenshtein distance with an early exit once every entry of a row exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * The candidate nearest to `word`: within 1 edit for short words, 2 for longer ones, or one that starts
 * with the word (`mer` → `merge`). Undefined when nothing is that close or two are equally close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestScore = limit + 1;
  let tie = false;
  for (const candidate of candidates) {
    const score = candidate.startsWith(word) && word.length >= 3 ? 0.5 : distance(word, candidate, limit);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return bestScore <= limit && !tie ? best : undefined;
}

/** `; did you mean 'x'?` or nothing, to append to an error message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hit = closest(word, candidates);
  return hit === undefined ? "" : `; did you mean '${hit}'?`;
}
