import anyAscii from 'any-ascii';
import { resolveCountry } from '../country/resolve-country';
import { foldText } from '../fold-text';
import {
  DESCRIPTORS,
  GENERIC_WORDS,
  LEGAL_FORM_PHRASES,
  OPTIONAL_DESCRIPTORS,
  ORGANISATION_MARKERS,
} from './organisation-words';
import { HONORIFICS, HYPHENATED_ARTICLES, NAMING_TITLES, PARTICLES } from './person-words';
import { prepareToken, type PreparedToken } from './prepared-token';

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
