import type { PreparedToken } from './prepared-name';
import { prepareToken } from './prepared-name';
import type { WordSimilarity } from './token-similarity';
import { tokenSimilarity } from './token-similarity';

/** Each word the longer name has beyond the shorter one (a middle name) costs this. */
const EXTRA_WORD_PENALTY = 0.04;
/** One word in common is never enough: a shared surname alone must stay below threshold. */
const SINGLE_WORD_FACTOR = 0.75;
const FLOOR_MARGIN = 0.001;

/**
 * Pair the words of two names, best pairs first (order-independent), and score the
 * pairing: half the length-weighted mean similarity, half the weakest pair, so one wrong
 * first name cannot hide behind a long matching surname.
 */
function alignedScore(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  similarity: WordSimilarity,
  floor: number,
): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  const sims = simBuffer(n * m);
  // Every word of the shorter name is paired, so the weakest pair is at most its best
  // similarity, and the score at most ½ + ½ × that: once a word cannot reach the floor,
  // stop (the margin keeps rounding in adjustScore from lifting it to the threshold).
  const rowsFirst = n <= m;
  for (let outer = 0; outer < (rowsFirst ? n : m); outer++) {
    let best = 0;
    for (let inner = 0; inner < (rowsFirst ? m : n); inner++) {
      const i = rowsFirst ? outer : inner;
      const j = rowsFirst ? inner : outer;
      const ta = a[i];
      const tb = b[j];
      const sim = ta !== undefined && tb !== undefined ? similarity(ta, tb) : 0;
      sims[i * m + j] = sim;
      best = Math.max(best, sim);
    }
    if (0.5 + 0.5 * best < floor - FLOOR_MARGIN) return 0;
  }
  // Greedy best-pair-first assignment; names have a handful of words, so O(k·n·m) is cheap
  // and bit masks avoid allocating per comparison.
  const paired = Math.min(n, m);
  let usedA = 0;
  let usedB = 0;
  let weighted = 0;
  let weights = 0;
  let weakest = 1;
  for (let k = 0; k < paired; k++) {
    let best = -1;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < n; i++) {
      if ((usedA & (1 << i)) !== 0) continue;
      for (let j = 0; j < m; j++) {
        if ((usedB & (1 << j)) !== 0) continue;
        const sim = sims[i * m + j] ?? 0;
        if (sim > best) {
          best = sim;
          bi = i;
          bj = j;
        }
      }
    }
    usedA |= 1 << bi;
    usedB |= 1 << bj;
    const weight = Math.max(a[bi]?.text.length ?? 1, b[bj]?.text.length ?? 1);
    weighted += best * weight;
    weights += weight;
    weakest = Math.min(weakest, best);
  }
  const score = 0.5 * (weighted / weights) + 0.5 * weakest;
  const extra = Math.max(n, m) - paired;
  if (paired === 1 && extra > 0) return score * SINGLE_WORD_FACTOR;
  return Math.max(0, score - extra * EXTRA_WORD_PENALTY);
}

let sharedSims = new Float64Array(64);
function simBuffer(size: number): Float64Array {
  if (sharedSims.length < size) sharedSims = new Float64Array(size * 2);
  return sharedSims;
}

/** The name with two neighbouring words written as one, for each neighbouring pair. */
export function joinedVariants(
  tokens: readonly PreparedToken[],
  prepare: (text: string) => PreparedToken = prepareToken,
): PreparedToken[][] {
  const variants: PreparedToken[][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const joined = prepare(`${tokens[i]?.text ?? ''}${tokens[i + 1]?.text ?? ''}`);
    variants.push([...tokens.slice(0, i), joined, ...tokens.slice(i + 2)]);
  }
  return variants;
}

/**
 * Name similarity 0..1. Also tries the longer name with two neighbouring words joined,
 * so "Abdul Rahman" meets "Abdulrahman". `joinedA`/`joinedB` may be passed precomputed.
 * With a `floor`, a name that provably scores below it gets 0 without being fully
 * compared: screening only needs the scores that can reach its threshold.
 */
export function nameScore(
  a: readonly PreparedToken[],
  b: readonly PreparedToken[],
  joinedA: readonly (readonly PreparedToken[])[] = a.length > b.length ? joinedVariants(a) : [],
  joinedB: readonly (readonly PreparedToken[])[] = b.length > a.length ? joinedVariants(b) : [],
  similarity: WordSimilarity = tokenSimilarity,
  floor = 0,
): number {
  let best = alignedScore(a, b, similarity, floor);
  if (best === 1) return 1;
  if (a.length > b.length)
    best = bestJoined(joinedA, b, best, similarity, (variant) => alignedScore(variant, b, similarity, floor));
  if (b.length > a.length)
    best = bestJoined(joinedB, a, best, similarity, (variant) => alignedScore(a, variant, similarity, floor));
  return best;
}

/**
 * The best of `best` and the joined variants' scores. A variant whose joined word is
 * paired (it has no more words than the other name) scores at most ½ + ½ × that word's
 * best similarity, so variants that cannot win are not aligned: same result, less work.
 */
function bestJoined(
  variants: readonly (readonly PreparedToken[])[],
  other: readonly PreparedToken[],
  best: number,
  similarity: WordSimilarity,
  score: (variant: readonly PreparedToken[]) => number,
): number {
  let result = best;
  variants.forEach((variant, position) => {
    const joined = variant[position];
    if (joined !== undefined && variant.length <= other.length) {
      let closest = 0;
      for (const word of other) closest = Math.max(closest, similarity(joined, word));
      if (0.5 + 0.5 * closest <= result) return;
    }
    result = Math.max(result, score(variant));
  });
  return result;
}
