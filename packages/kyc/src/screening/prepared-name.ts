import { doubleMetaphone } from 'double-metaphone';
import { foldText } from '../fold-text';
import { HONORIFICS, LEGAL_FORMS, PARTICLES } from './name-words';

/** A name word with everything the scorer needs, computed once per name. */
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
}

export interface PreparedName {
  /** The name as written, for display. */
  readonly original: string;
  /** Normalised words in the original order, without titles, legal forms or particles. */
  readonly tokens: readonly PreparedToken[];
  /** Normalised form used for ids and equality: the words joined by spaces. */
  readonly normalised: string;
}

/** Words of a name after transliteration, case and punctuation folding, minus titles. */
export function normaliseNameWords(name: string): string[] {
  return name.split(/\s+/).flatMap((written) => {
    // Only a Latin-script word can be a title: Arabic "عمر" (Omar) transliterates to "mr".
    const latin = /[a-z\u00c0-\u024f]/i.test(written);
    return foldText(written)
      .split(' ')
      .filter((w) => w !== '' && !(latin && HONORIFICS.has(w)) && !LEGAL_FORMS.has(w));
  });
}

/** The canonical form of a name: order-independent (sorted words), particles kept. */
export function normaliseName(name: string): string {
  return normaliseNameWords(name).sort().join(' ');
}

function consonantSkeleton(word: string): string {
  const consonants = word.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
  // A final "h" is often the only trace of an Arabic ta marbuta ("Usama" / "'smh").
  return consonants.length > 2 ? consonants.replace(/h$/, '') : consonants;
}

/** Transliteration habits that vary between sources for the same sound. */
const SPELLING_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/dh/g, 'd'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
];

function foldSpelling(word: string): string {
  return SPELLING_FOLDS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), word);
}

export function prepareToken(text: string): PreparedToken {
  const [primary, secondary] = doubleMetaphone(text);
  const phonetic = text.length < 2 ? [] : [...new Set([primary, secondary])].filter((code) => code !== '');
  const abjad = text.length >= 2 && !/[aeiou]/.test(text);
  const skeletons = [consonantSkeleton(text)];
  if (abjad && text.length > 3 && text.startsWith('l')) skeletons.push(consonantSkeleton(text.slice(1)));
  return { text, folded: foldSpelling(text), phonetic, skeletons: skeletons.filter((k) => k !== ''), abjad };
}

/** Words kept per name: enough for any person or company; the scorer uses bit masks up to 31. */
export const MAX_NAME_WORDS = 16;

/** `prepare` lets the index share one prepared word between all names that use it. */
export function prepareName(original: string, prepare: (text: string) => PreparedToken = prepareToken): PreparedName {
  const words = normaliseNameWords(original)
    .filter((w) => !PARTICLES.has(w))
    .slice(0, MAX_NAME_WORDS);
  return { original, tokens: words.map((w) => prepare(w)), normalised: words.join(' ') };
}
