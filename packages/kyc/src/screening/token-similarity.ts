import { jaroWinkler } from './jaro-winkler';
import { levenshteinSimilarity } from './levenshtein';
import type { PreparedToken } from './prepared-token';

/** An initial ("J") against a word it could stand for ("John"). */
const INITIAL_SIMILARITY = 0.85;
/** Two spellings of one abjad word ("mhmd" / "muhammad"). */
const SKELETON_SIMILARITY = 0.9;
/** Words whose lengths differ more than this ratio are penalised (see below). */
const LENGTH_RATIO_FLOOR = 0.8;
/**
 * Words with no Double Metaphone code in common are held to their edit distance too:
 * one edit in five letters is still a variant, two are a different name.
 */
const UNLIKE_SOUND_ALLOWANCE = 0.1;
/**
 * Below this letter similarity words are different anyway and the edit-distance cap is
 * not computed (it is the costliest step and could only lower an already low value).
 */
const DIFFERENT_WORDS = 0.6;

/** The index's notion of "may be the same word": a shared key, or a shared skeleton with an abjad side. */
export function shareKey(a: PreparedToken, b: PreparedToken): boolean {
  for (const key of a.keys) if (b.keys.includes(key)) return true;
  if (a.abjad || b.abjad) for (const skeleton of a.skeletons) if (b.skeletons.includes(skeleton)) return true;
  return false;
}

function sharePhonetic(a: PreparedToken, b: PreparedToken): boolean {
  for (const code of a.phonetic) if (b.phonetic.includes(code)) return true;
  return false;
}

/**
 * Similarity of two name words, 0..1: Jaro-Winkler on the letters, lifted halfway to 1
 * when the words sound alike (shared Double Metaphone code: "Yuri" / "Iouri",
 * "Gaddafi" / "Qaddafi"), or to 0.9 when one is an abjad spelling of the other.
 */
export function tokenSimilarity(a: PreparedToken, b: PreparedToken): number {
  if (a.text === b.text) return 1;
  if (a.text.length === 1 || b.text.length === 1) {
    return a.text.charCodeAt(0) === b.text.charCodeAt(0) ? INITIAL_SIMILARITY : 0;
  }
  // Words that share no blocking key are different words: this is what lets the index
  // return every entry the full scan would score (see watchlist-index.ts).
  if (!shareKey(a, b)) return 0;
  const shorter = Math.min(a.text.length, b.text.length);
  const longer = Math.max(a.text.length, b.text.length);
  let similarity = jaroWinkler(a.folded, b.folded);
  // Jaro-Winkler rewards a shared prefix: "Smith" / "Smithers" would score 0.93.
  if (shorter / longer < LENGTH_RATIO_FLOOR) similarity *= 0.5 + (0.5 * shorter) / longer;
  // Sounding alike is what separates spelling variants from different names that
  // merely look alike ("Samir" / "Sami", "Rustam" / "Ruslan").
  if (sharePhonetic(a, b)) similarity = (1 + similarity) / 2;
  else if (similarity >= DIFFERENT_WORDS) {
    similarity = Math.min(similarity, levenshteinSimilarity(a.folded, b.folded) + UNLIKE_SOUND_ALLOWANCE);
  }
  if ((a.abjad || b.abjad) && a.skeletons.some((k) => b.skeletons.includes(k))) {
    similarity = Math.max(similarity, SKELETON_SIMILARITY);
  }
  return Math.max(0, similarity);
}

export type WordSimilarity = (a: PreparedToken, b: PreparedToken) => number;

/**
 * `tokenSimilarity` remembered per pair of prepared words. The index shares one prepared
 * word between every name that uses it, so one screening computes "Mohammed" against
 * "Muhammad" once, not once per listed Mohammed. Make one per screening call.
 */
export function memoisedSimilarity(): WordSimilarity {
  const memo = new Map<PreparedToken, Map<PreparedToken, number>>();
  return (a, b) => {
    let row = memo.get(a);
    if (row === undefined) memo.set(a, (row = new Map<PreparedToken, number>()));
    let similarity = row.get(b);
    if (similarity === undefined) row.set(b, (similarity = tokenSimilarity(a, b)));
    return similarity;
  };
}
