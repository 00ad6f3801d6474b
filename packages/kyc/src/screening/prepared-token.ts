import { doubleMetaphone } from 'double-metaphone';
import { ELEMENT_SPELLINGS } from './person-words';

// One word of a name, prepared once for scoring and blocking (decision 006): its canonical
// spelling, sound codes, consonant skeletons and blocking keys. Whole names: prepared-name.ts.

/** A name word with everything the scorer and the index need, computed once per word. */
export interface PreparedToken {
  readonly text: string;
  /** Spelling folded across transliteration habits ("tatyana" and "tatiana" → "tatiana"). */
  readonly folded: string;
  readonly phonetic: readonly string[];
  /**
   * Consonant skeletons: what an abjad (Arabic, Hebrew) spelling keeps of the word. An
   * abjad word starting with "l" also gets one without it: the article "al-" is written
   * joined to the name ("lbshyr" for al-Bashir).
   */
  readonly skeletons: readonly string[];
  /** True when the word has no vowels, i.e. probably transliterated from an abjad. */
  readonly abjad: boolean;
  /**
   * Blocking keys shared by both sides (sound, spelling, one-letter deletions, long
   * words' ends): two words have a non-zero similarity only if they share one of these,
   * a skeleton with one side abjad, or are an initial and a word it starts.
   */
  readonly keys: readonly string[];
}

function consonantSkeleton(word: string): string {
  const consonants = word.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
  // A final "h" is often the only trace of an Arabic ta marbuta ("Usama" / "'smh").
  return consonants.length > 2 ? consonants.replace(/h$/, '') : consonants;
}

/** Transliteration habits that vary between sources for the same sound (order matters). */
const SPELLING_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/dzh/g, 'j'],
  [/dj/g, 'j'],
  [/zh/g, 'j'],
  [/tch/g, 'ch'],
  [/sch/g, 'sh'],
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/dh/g, 'd'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/ck/g, 'k'],
  [/tz/g, 'ts'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
  // Cyrillic "Е" at the start is written "Ye" or "E" ("Yevgeny" / "Evgeny").
  [/^ie/, 'e'],
];

function foldSpelling(word: string): string {
  return SPELLING_FOLDS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), word);
}

/**
 * One spelling for the Arabic name elements that sources write in several ways, inside
 * a word too: "Abdulrahman" / "Abd al-Rahman" → abd·rahman, "Badreddin" / "Badr al-Din"
 * → badr·din, "Nasrallah" / "Nasr Allah" → nasr·lah.
 */
function canonicalWord(word: string): string {
  const whole = ELEMENT_SPELLINGS.get(word);
  if (whole !== undefined) return whole;
  if (/^(?:allah|ullah|ollah|illah)$/.test(word)) return 'lah';
  if (/^(?:e|u|a|o|i)(?:d|l)din[e]?$/.test(word)) return 'din';
  return word
    .replace(/^abd(?:ou|u|e|o|a|i)l(?=[a-z]{3})/, 'abd')
    .replace(/^abd(?:ou|u|e|o|a|i)(?=([rsnztd])\1[a-z]{2})/, 'abd')
    .replace(/(?<=[a-z]{3})(?:e|u|a|o|i)(?:d|l)dine?$/, 'din')
    .replace(/(?<=[a-z]{3})(?:a|u|o|i)llah$/, 'lah');
}

/** Up to this many letters a word's one-letter deletions are keys (see tokenKeys). */
const DELETION_KEYS_MAX = 8;

function commonKeys(text: string, folded: string, phonetic: readonly string[]): string[] {
  if (text.length < 2) return [];
  const keys = phonetic.map((code) => `p:${code}`);
  // Spelling: two words one edit apart always share a key, unrelated words rarely do.
  // Up to eight letters: the folded word minus each one letter (symmetric deletion:
  // "Mifer" / "Miller"). From seven: the first and last four letters, of which a single
  // edit in a word of eight or more letters leaves one intact ("Katelson" / "Kaelson"),
  // and which often survive two edits too ("Gopabekov" / "Gobekov").
  keys.push(`d:${folded}`);
  if (folded.length >= 4 && folded.length <= DELETION_KEYS_MAX) {
    for (let i = 0; i < folded.length; i++) keys.push(`d:${folded.slice(0, i)}${folded.slice(i + 1)}`);
  }
  if (folded.length >= 7) keys.push(`f:${folded.slice(0, 4)}`, `l:${folded.slice(-4)}`);
  return [...new Set(keys)];
}

/**
 * A prepared word as the index stores it: what `prepareToken` derived, keys included, read
 * back without transliteration folds, sound codes or keys computed again.
 */
export function storedToken(
  text: string,
  folded: string,
  phonetic: readonly string[],
  skeletons: readonly string[],
  abjad: boolean,
  keys: readonly string[],
): PreparedToken {
  return { text, folded, phonetic, skeletons, abjad, keys };
}

export function prepareToken(input: string): PreparedToken {
  const text = canonicalWord(input);
  const [primary, secondary] = doubleMetaphone(text);
  const phonetic = text.length < 2 ? [] : [...new Set([primary, secondary])].filter((code) => code !== '');
  const abjad = text.length >= 2 && !/[aeiou]/.test(text);
  const skeletons = [consonantSkeleton(text)];
  if (abjad && text.length > 3 && text.startsWith('l')) skeletons.push(consonantSkeleton(text.slice(1)));
  const folded = foldSpelling(text);
  return {
    text,
    folded,
    phonetic,
    skeletons: skeletons.filter((k) => k !== ''),
    abjad,
    keys: commonKeys(text, folded, phonetic),
  };
}
