import { foldWords } from '../fold-text';

/**
 * The person-name word lists of the matcher: titles, honorifics, particles and Arabic name
 * elements (short lists of our own where no maintained package fits, each word one that is
 * never a distinguishing part of a name in the context it is removed from). Every word is
 * written as `foldText` leaves it (ASCII, lowercase, punctuation as spaces). Organisation
 * words: organisation-words.ts.
 */

/**
 * Titles by which a person is known with one name ("Mullah Omar", "Qari Zakir", "Sheikh
 * Hasina"): a title and one name may match the listed full name, at a lower score. Western
 * titles and ranks ("Dr Smith", "Mr Khan") are not: with a surname alone they name many.
 */
const NAMING_TITLE_WORDS = [
  'sheikh',
  'shaikh',
  'sheik',
  'shaykh',
  'shekh',
  'cheikh',
  'sheikha',
  'haji',
  'hajji',
  'hadji',
  'alhaji',
  'alhaj',
  'mullah',
  'mulla',
  'molla',
  'mollah',
  'maulana',
  'mawlana',
  'maulvi',
  'mawlawi',
  'moulvi',
  'mufti',
  'qari',
  'qaari',
  'ustadz',
  'ustaz',
  'ustad',
  'ustadh',
  'ustaad',
  'imam',
  'ayatollah',
  'ayatullah',
];
export const NAMING_TITLES: ReadonlySet<string> = new Set(foldWords(NAMING_TITLE_WORDS));

/**
 * Titles and honorifics removed from people's names (Latin-script words only: Arabic "عمر"
 * (Omar) transliterates to "mr"). Sources: common English, French, German, Spanish forms;
 * Arabic, Persian, Urdu, Malay and Indonesian religious and honorific titles as sanctions
 * lists write them (OFAC, UN); military ranks. Given names that are also titles (Amir,
 * Emir, Sultan, Prince, Major) are deliberately left out.
 */
export const HONORIFICS: ReadonlySet<string> = new Set(
  foldWords([
    'mr',
    'mrs',
    'ms',
    'miss',
    'mx',
    'mister',
    'madam',
    'madame',
    'mme',
    'mlle',
    'monsieur',
    'herr',
    'frau',
    'senor',
    'senora',
    'sra',
    'sr',
    'jr',
    'ii',
    'iii',
    'iv',
    'dr',
    'doctor',
    'doktor',
    'prof',
    'professor',
    'eng',
    'engineer',
    'sir',
    'dame',
    'lord',
    'lady',
    'hon',
    'honorable',
    'honourable',
    'excellency',
    'rev',
    'reverend',
    'fr',
    'father',
    'pastor',
    'bishop',
    'hajj',
    'haj',
    'hajjah',
    'hajah',
    'sayyid',
    'sayyed',
    'seyed',
    'seyyed',
    'allama',
    'allamah',
    'hojatoleslam',
    'hojjatoleslam',
    'hujjatulislam',
    'datuk',
    'dato',
    'sri',
    'shri',
    'smt',
    'general',
    'gen',
    'lieutenant',
    'lt',
    'colonel',
    'col',
    'brigadier',
    'brig',
    'commander',
    'cdr',
    'captain',
    'capt',
    'cpt',
    'admiral',
    'adm',
    'marshal',
    'sergeant',
    'sgt',
    'maj',
    ...NAMING_TITLE_WORDS,
  ]),
);

/**
 * Particles and articles ("al", "bin", "van", "de"): written joined, separate or not at all
 * across transliterations, so they are neither required to match nor used as index keys.
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  'ol',
  'bin',
  'bn',
  'ibn',
  'bint',
  'binti',
  'de',
  'da',
  'di',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'do',
  'y',
  'of',
  'the',
  'and',
]);

/**
 * The Arabic article assimilated to the next letter ("as-Sayyid", "ad-Din", "ar-Rahman"):
 * a particle only when written joined by a hyphen, since "An" and "As" are names too.
 */
export const HYPHENATED_ARTICLES: ReadonlySet<string> = new Set(['as', 'ad', 'an', 'ar', 'at', 'az', 'ash', 'adh']);

/**
 * Spellings of one Arabic name element folded to one form, whole words: "Abdul", "Abdel",
 * "Abd" → "abd"; "Abou" → "abu".
 */
export const ELEMENT_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['abdul', 'abd'],
  ['abdel', 'abd'],
  ['abdol', 'abd'],
  ['abdoul', 'abd'],
  ['abdal', 'abd'],
  ['abdil', 'abd'],
  ['abdu', 'abd'],
  ['abdur', 'abd'],
  ['abdus', 'abd'],
  ['abdun', 'abd'],
  ['abou', 'abu'],
  ['abo', 'abu'],
  ['aboo', 'abu'],
]);
