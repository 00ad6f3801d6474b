import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { resolveCountry } from '../country/resolve-country';
import { foldText } from '../fold-text';
import {
  DESCRIPTORS,
  ELEMENT_SPELLINGS,
  GENERIC_WORDS,
  HONORIFICS,
  HYPHENATED_ARTICLES,
  LEGAL_FORM_PHRASES,
  NAMING_TITLES,
  OPTIONAL_DESCRIPTORS,
  ORGANISATION_MARKERS,
  PARTICLES,
} from './name-words';

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

/** Who a name belongs to: titles are removed from people, legal forms from organisations. */
export type NameKind = 'person' | 'organization' | 'unknown';

export interface PreparedName {
  /** The name as written, for display. */
  readonly original: string;
  /** Normalised words in the name's order, without titles, legal forms or particles. */
  readonly tokens: readonly PreparedToken[];
  /** Normalised form used for ids and equality: the words joined by spaces. */
  readonly normalised: string;
  /** Person or organisation, as given or (for `unknown`) recognised from a legal form. */
  readonly kind: NameKind;
  /** Words left out of the comparison, as folded: titles, legal forms, particles. */
  readonly setAside: readonly string[];
  /** Bit per token: a generic organisation word ("bank", "oil"), weighted down. */
  readonly descriptors: number;
  /** Bit per token: a descriptor not required to match ("bank", "company", a country). */
  readonly optional: number;
  /** Bit per token: the given name (a person's first name), which a namesake's son does not share. */
  readonly given: number;
  /** Bit per token: a word that does not tell organisations apart alone (descriptors, "National", countries). */
  readonly generic: number;
  /** A title people are known by with one name was removed ("Mullah", "Qari", "Sheikh"). */
  readonly titled: boolean;
  /** The name written as one all-capitals word of 2–6 letters ("MJN"), lowercased. */
  readonly acronym: string | null;
  /** An organisation's initials ("mjn" for "Muhammad Jamal Network"), for acronyms. */
  readonly initials: string | null;
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

/** Words kept per name: enough for any person or company; the scorer uses bit masks. */
export const MAX_NAME_WORDS = 16;

const LATIN = /[a-z\u00c0-\u024f]/i;
const HAN = /\p{Script=Han}/u;

interface Word {
  text: string;
  latin: boolean;
  /** An article joined by a hyphen ("ad-Din"). */
  article: boolean;
}

/**
 * A Chinese name written in characters transliterates to capitalised syllables
 * ("XiJinPing"); pinyin writes the surname apart and the given name joined: xi, jinping.
 */
function hanWords(written: string): string[] {
  const syllables = anyAscii(written)
    .split(/(?=[A-Z])/)
    .map((s) => foldText(s))
    .filter((s) => s !== '');
  if (syllables.length < 3) return syllables;
  return [syllables[0] ?? '', syllables.slice(1).join('')];
}

function writtenWords(name: string): Word[] {
  return name.split(/\s+/).flatMap((written): Word[] => {
    if (written === '') return [];
    const latin = LATIN.test(written);
    if (HAN.test(written)) return hanWords(written).map((text) => ({ text, latin: false, article: false }));
    const hyphenated = /[-\u2010\u2011\u2013]/.test(written);
    return foldText(written)
      .split(' ')
      .filter((w) => w !== '')
      .map((text, i, all) => ({
        text,
        latin,
        article: hyphenated && i < all.length - 1 && HYPHENATED_ARTICLES.has(text),
      }));
  });
}

/** Legal-form phrases by their first word, for the scan below. */
let legalByFirst: Map<string, (readonly string[])[]> | undefined;
function legalFormsStartingWith(word: string): readonly (readonly string[])[] {
  if (legalByFirst === undefined) {
    legalByFirst = new Map();
    for (const phrase of LEGAL_FORM_PHRASES) {
      const first = phrase[0] ?? '';
      const list = legalByFirst.get(first) ?? [];
      list.push(phrase);
      legalByFirst.set(first, list);
    }
  }
  return legalByFirst.get(word) ?? [];
}

/**
 * Where legal forms are in a name: [start, length] of each. A form of one or two short
 * letters ("sa", "as", "ab") counts only at the start or the end, where legal forms
 * stand; longer ones anywhere ("Gazprombank Joint Stock Company", "OOO Stroygazmontazh").
 */
function legalFormSpans(words: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < words.length;) {
    const phrase = legalFormsStartingWith(words[i] ?? '').find(
      (p) => p.length <= words.length - i && p.every((w, k) => words[i + k] === w),
    );
    const short = phrase !== undefined && phrase.join('').length <= 2;
    const atEdge = phrase !== undefined && (i === 0 || i + phrase.length === words.length);
    if (phrase !== undefined && (!short || atEdge) && phrase.length < words.length) {
      spans.push([i, phrase.length]);
      i += phrase.length;
    } else i++;
  }
  return spans;
}

/** Two-letter legal forms that end no person's name. */
const FINAL_LEGAL_FORMS: ReadonlySet<string> = new Set(['co', 'ag', 'bv', 'nv', 'kg', 'kk', 'sl']);

function looksLikeOrganisation(words: readonly string[]): boolean {
  if (words.some((w) => ORGANISATION_MARKERS.has(w))) return true;
  const last = words.at(-1);
  return words.length >= 2 && last !== undefined && FINAL_LEGAL_FORMS.has(last);
}

export interface PrepareOptions {
  readonly kind?: NameKind;
  /** Lets the index share one prepared word between all names that use it. */
  readonly prepare?: (text: string) => PreparedToken;
}

/** "LAST, First Middle" (how lists write people) in reading order. */
function readingOrder(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [last, first] = parts.map((p) => p.trim());
  return last === '' || first === '' || first === undefined || last === undefined ? name : `${first} ${last}`;
}

function acronymOf(original: string): string | null {
  const compact = original.trim().replace(/\./g, '');
  return /^[A-Z]{2,6}$/.test(compact) ? compact.toLowerCase() : null;
}

export function prepareName(original: string, options: PrepareOptions = {}): PreparedName {
  const prepare = options.prepare ?? prepareToken;
  let kind = options.kind ?? 'unknown';
  let words = writtenWords(kind === 'organization' ? original : readingOrder(original));
  const setAside: string[] = [];
  let titled = false;
  // A name with an unmistakable legal form is an organisation's, whatever field or list
  // it came from ("Acme Trading LLC" in a list that gives no type, "Rosneft Oil Co").
  if (kind !== 'organization' && looksLikeOrganisation(words.map((w) => w.text))) {
    kind = 'organization';
    words = writtenWords(original);
  }
  if (kind === 'organization') {
    const drop = new Set(
      legalFormSpans(words.map((w) => w.text)).flatMap(([start, n]) => [...Array(n).keys()].map((k) => start + k)),
    );
    words = words.filter((w, i) => {
      if (drop.has(i)) setAside.push(w.text);
      return !drop.has(i);
    });
  } else {
    words = words.filter((w) => {
      const title = w.latin && HONORIFICS.has(w.text);
      if (title) setAside.push(w.text);
      titled ||= title && NAMING_TITLES.has(w.text);
      return !title;
    });
  }
  const kept = words.filter((w) => !(w.article || PARTICLES.has(w.text)));
  for (const w of words) if (w.article || PARTICLES.has(w.text)) if (kept.length > 0) setAside.push(w.text);
  const texts = (kept.length > 0 ? kept : words).map((w) => w.text).slice(0, MAX_NAME_WORDS);
  let descriptors = 0;
  let optional = 0;
  let generic = 0;
  const describes = texts.some((text) => DESCRIPTORS.has(text));
  const tokens = texts.map((text, i) => {
    // A country in an organisation's name ("Sberbank of Russia") says where, not who.
    const country = text.length >= 4 && resolveCountry(text) !== null;
    const descriptor = DESCRIPTORS.get(text);
    if (kind !== 'organization') return prepare(text);
    if (descriptor !== undefined || country) descriptors |= 1 << i;
    if (OPTIONAL_DESCRIPTORS.has(text) || country) optional |= 1 << i;
    if (descriptor !== undefined || country || GENERIC_WORDS.has(text)) generic |= 1 << i;
    return prepare(descriptor ?? text);
  });
  // A name of initials only ("J. K.") is too little to screen.
  const screenable = tokens.some((t) => t.text.length >= 2);
  // A person's name is read first name first (lists' "LAST, First" is reordered above).
  const givenCount = kind === 'organization' || tokens.length < 2 ? 0 : 1;
  // Initials of organisations, and of names of unknown kind that read like one ("Muhammad Jamal Network").
  const initials =
    (kind === 'organization' || (kind === 'unknown' && describes)) && tokens.length >= 2 && tokens.length <= 8
      ? tokens.map((t) => t.text.charAt(0)).join('')
      : null;
  return {
    original,
    tokens: screenable ? tokens : [],
    normalised: tokens.map((t) => t.text).join(' '),
    kind,
    setAside,
    descriptors,
    optional,
    given: (1 << givenCount) - 1,
    generic,
    titled,
    acronym: kind === 'person' ? null : acronymOf(original),
    initials,
  };
}

/**
 * A name's words for ids and duplicate keys: transliterated, folded, without Latin-script
 * titles or one-word legal forms, particles kept, in the written order. Deliberately
 * simpler than `prepareName`: stored entry ids and duplicate keys derive from it and must
 * not move with matcher tuning.
 */
export function normaliseNameWords(name: string): string[] {
  return name.split(/\s+/).flatMap((written) => {
    const latin = LATIN.test(written);
    return foldText(written)
      .split(' ')
      .filter((w) => w !== '' && !(latin && HONORIFICS.has(w)) && !SINGLE_WORD_LEGAL_FORMS.has(w));
  });
}

/** The canonical form of a name: its words sorted, so "Smith, John" = "John Smith". */
export function normaliseName(name: string): string {
  return normaliseNameWords(name).sort().join(' ');
}

const SINGLE_WORD_LEGAL_FORMS: ReadonlySet<string> = new Set(
  LEGAL_FORM_PHRASES.filter((p) => p.length === 1 && (p[0] ?? '').length > 2).map((p) => p[0] ?? ''),
);
