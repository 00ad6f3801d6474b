import type { PreparedName } from './prepared-name';
import { prepareToken, type PreparedToken } from './prepared-token';
import type { WordSimilarity } from './token-similarity';
import { tokenSimilarity } from './token-similarity';

/** Each word the longer name has beyond the shorter one (a middle name) costs this. */
const EXTRA_WORD_PENALTY = 0.04;
/**
 * A given name the other name lacks costs this: "Ahmed Mohammed Ali Hassan" is the son of
 * "Mohammed Ali Hassan", not him; a missing middle name is not that.
 */
const MISSING_GIVEN_NAME_PENALTY = 0.2;
/** One word in common is never enough: a shared surname alone must stay below threshold. */
const SINGLE_WORD_FACTOR = 0.75;
/** ...unless a title was all the rest ("Qari Zakir" / "Zakir Hussain"): a weaker match. */
const TITLED_SINGLE_WORD_FACTOR = 0.9;
/** Generic organisation words ("Bank", "Group") count half in the weighted mean. */
const DESCRIPTOR_WEIGHT = 0.5;
/** An all-capitals short name against a listed organisation's initials ("MJN"). */
export const ACRONYM_SCORE = 0.88;
const FLOOR_MARGIN = 0.001;

/** A name's words as scored, with the bits that say which are descriptors or the given name. */
export interface ScoredForm {
  readonly tokens: readonly PreparedToken[];
  readonly descriptors: number;
  readonly optional: number;
  readonly given: number;
  readonly generic: number;
}

/** A name ready for scoring: its words and its forms with two neighbouring words joined. */
export interface ScoredName {
  readonly name: PreparedName;
  readonly joined: readonly ScoredForm[];
}

/** Remove bit `i + 1` and merge it into bit `i`: the masks of a form with words i and i+1 joined. */
function joinBits(mask: number, i: number, both: boolean): number {
  const low = mask & ((1 << i) - 1);
  const pair = (mask >> i) & 0b11;
  const high = (mask >> (i + 2)) << (i + 1);
  const joined = both ? (pair === 0b11 ? 1 : 0) : pair !== 0 ? 1 : 0;
  return low | (joined << i) | high;
}

/** The name with two neighbouring words written as one, for each neighbouring pair. */
export function joinedVariants(
  form: ScoredForm,
  prepare: (text: string, position: number) => PreparedToken = prepareToken,
): ScoredForm[] {
  const { tokens } = form;
  const variants: ScoredForm[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const joined = prepare(`${tokens[i]?.text ?? ''}${tokens[i + 1]?.text ?? ''}`, i);
    variants.push({
      tokens: [...tokens.slice(0, i), joined, ...tokens.slice(i + 2)],
      descriptors: joinBits(form.descriptors, i, true),
      optional: joinBits(form.optional, i, true),
      given: joinBits(form.given, i, false),
      generic: joinBits(form.generic, i, true),
    });
  }
  return variants;
}

const isSet = (mask: number, i: number) => (mask & (1 << i)) !== 0;

interface Context {
  readonly organisation: boolean;
  readonly titledA: boolean;
  readonly titledB: boolean;
}

/**
 * Pair the words of two names, best pairs first (order-independent), and score the
 * pairing: half the length-weighted mean similarity, half the weakest pair, so one wrong
 * first name cannot hide behind a long matching surname. Every word of the shorter name
 * is paired: the index relies on this (a shorter-side word without a similar word on the
 * other side gives a weakest pair of 0, a score of at most 0.5).
 */
function alignedScore(a: ScoredForm, b: ScoredForm, ctx: Context, similarity: WordSimilarity, floor: number): number {
  const n = a.tokens.length;
  const m = b.tokens.length;
  if (n === 0 || m === 0) return 0;
  const sims = simBuffer(n * m);
  // The weakest pair is at most a shorter-side word's best similarity, and the score at
  // most ½ + ½ × that: once a word cannot reach the floor, stop (the margin keeps rounding
  // in adjustScore from lifting it to the threshold).
  const rowsFirst = n <= m;
  for (let outer = 0; outer < (rowsFirst ? n : m); outer++) {
    let best = 0;
    for (let inner = 0; inner < (rowsFirst ? m : n); inner++) {
      const i = rowsFirst ? outer : inner;
      const j = rowsFirst ? inner : outer;
      const ta = a.tokens[i];
      const tb = b.tokens[j];
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
  let lastI = 0;
  let lastJ = 0;
  for (let k = 0; k < paired; k++) {
    let best = -1;
    let bi = 0;
    let bj = 0;
    for (let i = 0; i < n; i++) {
      if (isSet(usedA, i)) continue;
      for (let j = 0; j < m; j++) {
        if (isSet(usedB, j)) continue;
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
    lastI = bi;
    lastJ = bj;
    const descriptor = ctx.organisation && isSet(a.descriptors, bi) && isSet(b.descriptors, bj);
    const weight =
      Math.max(a.tokens[bi]?.text.length ?? 1, b.tokens[bj]?.text.length ?? 1) * (descriptor ? DESCRIPTOR_WEIGHT : 1);
    weighted += best * weight;
    weights += weight;
    weakest = Math.min(weakest, best);
  }
  let score = 0.5 * (weighted / weights) + 0.5 * weakest;
  if (n === m) return score;
  // The longer name's unpaired words: a generic organisation word ("Bank", "Company", a
  // country) is free, a given name costs much, any other word a little.
  const longer = n > m ? a : b;
  const used = n > m ? usedA : usedB;
  let penalty = 0;
  let unpairedWords = 0;
  for (let i = 0; i < longer.tokens.length; i++) {
    if (isSet(used, i)) continue;
    if (ctx.organisation && isSet(longer.optional, i)) continue;
    unpairedWords++;
    // One word against several is capped below anyway: there a given name is just a word.
    penalty += isSet(longer.given, i) && paired > 1 ? MISSING_GIVEN_NAME_PENALTY : EXTRA_WORD_PENALTY;
  }
  if (paired === 1) {
    const single = n > m ? b.tokens[lastJ] : a.tokens[lastI];
    const titled = n > m ? ctx.titledB : ctx.titledA;
    const singleIndex = n > m ? lastJ : lastI;
    const singleForm = n > m ? b : a;
    if (unpairedWords > 0) score *= titled ? TITLED_SINGLE_WORD_FACTOR : SINGLE_WORD_FACTOR;
    // Only descriptors beside one word: enough when that word is distinctive.
    else if (single === undefined || isSet(singleForm.generic, singleIndex)) score *= SINGLE_WORD_FACTOR;
  }
  return Math.max(0, score - penalty);
}

let sharedSims = new Float64Array(64);
function simBuffer(size: number): Float64Array {
  if (sharedSims.length < size) sharedSims = new Float64Array(size * 2);
  return sharedSims;
}

/**
 * Name similarity 0..1. Also tries the longer name with two neighbouring words joined,
 * so "Abdul Rahman" meets "Abdulrahman". With a `floor`, a name that provably scores
 * below it gets 0 without being fully compared: screening only needs the scores that can
 * reach its threshold.
 */
export function nameScore(
  a: ScoredName,
  b: ScoredName,
  similarity: WordSimilarity = tokenSimilarity,
  floor = 0,
): number {
  const ctx: Context = {
    organisation: a.name.kind === 'organization' || b.name.kind === 'organization',
    titledA: a.name.titled,
    titledB: b.name.titled,
  };
  const n = a.name.tokens.length;
  const m = b.name.tokens.length;
  let best = alignedScore(a.name, b.name, ctx, similarity, floor);
  if (best === 1) return 1;
  if (n > m)
    best = bestJoined(a.joined, b.name, best, similarity, (v) => alignedScore(v, b.name, ctx, similarity, floor));
  if (m > n)
    best = bestJoined(b.joined, a.name, best, similarity, (v) => alignedScore(a.name, v, ctx, similarity, floor));
  return best;
}

/**
 * The best of `best` and the joined variants' scores. A variant whose joined word is
 * paired (it has no more words than the other name) scores at most ½ + ½ × that word's
 * best similarity, so variants that cannot win are not aligned: same result, less work.
 */
function bestJoined(
  variants: readonly ScoredForm[],
  other: ScoredForm,
  best: number,
  similarity: WordSimilarity,
  score: (variant: ScoredForm) => number,
): number {
  let result = best;
  variants.forEach((variant, position) => {
    const joined = variant.tokens[position];
    if (joined !== undefined && variant.tokens.length <= other.tokens.length) {
      let closest = 0;
      for (const word of other.tokens) closest = Math.max(closest, similarity(joined, word));
      if (0.5 + 0.5 * closest <= result) return;
    }
    result = Math.max(result, score(variant));
  });
  return result;
}

/**
 * An acronym against initials: "MJN" written in capitals against "Muhammad Jamal
 * Network", either way round; 0 when neither is an acronym of the other.
 */
export function acronymScore(a: PreparedName, b: PreparedName): number {
  if (a.acronym !== null && a.acronym === b.initials) return ACRONYM_SCORE;
  if (b.acronym !== null && b.acronym === a.initials) return ACRONYM_SCORE;
  return 0;
}
