import { z } from 'zod';
import { foldWords } from '../fold-text';
// @ts-expect-error cleanco ships no types: its data is read as unknown and parsed with zod below.
import cleancoData from 'cleanco/data.js';

/**
 * The organisation word lists of the matcher. Legal forms come from the `cleanco` package
 * (the legal-form terms of the Python cleanco project, by type and by country); descriptors
 * and generic words are short lists of our own. Every word is written as `foldText` leaves
 * it (ASCII, lowercase, punctuation as spaces). Person words: person-words.ts.
 */

/** Legal forms: every term of cleanco's lists, folded ("s.a." → "s a"), plus those below. */
const EXTRA_LEGAL_FORMS = [
  // Russian and CIS forms as OFAC and OpenSanctions transliterate them (ООО, ОАО, ПАО...).
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'tov',
  'pat',
  'prat',
  'pjsc',
  'ojsc',
  'cjsc',
  'jsc',
  'ojsc',
  'obshchestvo s ogranichennoi otvetstvennostiu',
  'obshchestvo s ogranichennoy otvetstvennostyu',
  'aktsionernoe obshchestvo',
  'aktsionernoye obshchestvo',
  'publichnoe aktsionernoe obshchestvo',
  'otkrytoe aktsionernoe obshchestvo',
  'zakrytoe aktsionernoe obshchestvo',
  'joint stock company',
  'public joint stock company',
  'open joint stock company',
  'closed joint stock company',
  'joint stock commercial bank',
  'limited liability company',
  'limited liability partnership',
  'public limited company',
  'private limited company',
  'company limited',
  'co ltd',
  'limited',
  'ltd',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'plc',
  'fze',
  'fzco',
  'fzc',
  'fzllc',
  'dmcc',
  'wll',
  'sal',
  'saog',
  'pte',
  'pvt',
  'private',
  'sdn bhd',
  'bhd',
  'tbk',
  'pt',
  'cv',
  'kabushiki kaisha',
  'kk',
  'godo kaisha',
  'yugen kaisha',
  'youxian gongsi',
  'gufen youxian gongsi',
  'anonim sirketi',
  'ltd sti',
  'societe anonyme',
  'sociedad anonima',
  'sa de cv',
  'gesellschaft mit beschrankter haftung',
  'aktiengesellschaft',
  'sahami khass',
  'sahami aam',
];

// cleanco ships CommonJS data and no types: parsed, never trusted. A static import, so the BFF's
// production bundle carries the data instead of requiring it at run time.
const Terms = z.record(z.string(), z.array(z.string()));
const cleanco = z.object({ terms_by_type: Terms, terms_by_country: Terms }).parse(cleancoData);
const cleancoTerms = [...Object.values(cleanco.terms_by_type), ...Object.values(cleanco.terms_by_country)].flat();

/** Each legal form as its folded words; the longest first so "joint stock company" wins over "company". */
export const LEGAL_FORM_PHRASES: readonly (readonly string[])[] = [
  ...new Set(foldWords([...cleancoTerms, ...EXTRA_LEGAL_FORMS])),
]
  .map((phrase) => phrase.split(' '))
  .sort((a, b) => b.length - a.length);

/**
 * Legal forms that mark a name of a list that does not say what it lists (our CSV without
 * a type) as an organisation's: unambiguous ones only ("Teo" and "Sa" are also surnames).
 */
export const ORGANISATION_MARKERS: ReadonlySet<string> = new Set([
  'ltd',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'company',
  'limited',
  'plc',
  'gmbh',
  'jsc',
  'pjsc',
  'ojsc',
  'cjsc',
  'ooo',
  'oao',
  'zao',
  'pao',
  'fze',
  'fzco',
  'llp',
  'bhd',
  'sarl',
  'srl',
  'bank',
  // Words of organisation names that are nobody's name.
  'corps',
  'army',
  'front',
  'movement',
  'liberation',
  'brigade',
  'brigades',
  'battalion',
  'council',
  'committee',
  'ministry',
  'university',
  'association',
  'foundation',
  'network',
  'organization',
  'organisation',
  'institute',
  'agency',
  'trading',
  'shipping',
  'airlines',
  'industries',
  'holding',
  'holdings',
  'enterprises',
]);

const canonical = (groups: Record<string, readonly string[]>) =>
  Object.entries(groups).flatMap(([form, variants]) => variants.map((v) => [v, form] as const));

/**
 * Generic words of organisation names: weighted down and not required. An organisation's
 * name with only these (and legal forms, and a country) beside one distinctive word still
 * matches that word alone ("Gazprombank" / "Gazprombank Joint Stock Company"). Each maps to
 * one form so "Banking" meets "Bank".
 */
export const OPTIONAL_DESCRIPTORS: ReadonlyMap<string, string> = new Map(
  canonical({
    bank: ['bank', 'banking', 'banks', 'banca', 'banco', 'banque', 'bankasi', 'bankasy'],
    company: ['company', 'companies', 'compania', 'compagnie', 'companhia', 'sherkat', 'sharikat', 'sharika', 'gongsi'],
    group: ['group', 'groupe', 'grupo', 'gruppa', 'jituan'],
    holding: ['holding', 'holdings'],
    enterprise: ['enterprise', 'enterprises', 'predpriyatie'],
    international: ['international', 'intl'],
    organization: ['organization', 'organisation'],
    foundation: ['foundation', 'fund', 'fond'],
    association: ['association'],
    network: ['network'],
    establishment: ['establishment', 'est'],
    institute: ['institute', 'institution'],
    agency: ['agency'],
    partners: ['partners', 'partnership'],
  }),
);

/**
 * What a company does ("Oil", "Trading", "Airlines"): weighted down when both names have
 * it, but required: "Rosneft Trading" is another company than "Rosneft".
 */
export const ACTIVITY_WORDS: ReadonlyMap<string, string> = new Map(
  canonical({
    trading: ['trading', 'trade', 'traders'],
    industry: ['industry', 'industries', 'industrial'],
    services: ['services', 'service'],
    ventures: ['ventures', 'venture'],
    investment: ['investment', 'investments'],
    shipping: ['shipping', 'lines', 'line'],
    factory: ['factory', 'zavod', 'plant'],
    oil: ['oil', 'neft', 'petroleum', 'petroleo', 'petrol'],
    gas: ['gas', 'gaz'],
    energy: ['energy', 'energia', 'energo', 'power'],
    airlines: ['airlines', 'airline', 'airways', 'air', 'aviation', 'avia'],
    logistics: ['logistics', 'transport', 'transportation'],
    construction: ['construction', 'stroy', 'building'],
    technology: ['technology', 'technologies', 'tech'],
    engineering: ['engineering'],
    chemical: ['chemical', 'chemicals', 'khim'],
    insurance: ['insurance'],
    finance: ['finance', 'financial', 'capital'],
    securities: ['securities'],
  }),
);

/** Both kinds of descriptor, each word to its one form. */
export const DESCRIPTORS: ReadonlyMap<string, string> = new Map([...OPTIONAL_DESCRIPTORS, ...ACTIVITY_WORDS]);

/**
 * Words that are not distinctive alone: one of these with descriptors is not enough to
 * lift the single-word cap ("National" / "National Bank").
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  ...DESCRIPTORS.values(),
  'national',
  'general',
  'united',
  'first',
  'new',
  'global',
  'development',
  'commercial',
  'central',
  'state',
  'public',
  'islamic',
  'republic',
  'people',
  'peoples',
  'export',
  'import',
  'finance',
  'financial',
  'capital',
  'energy',
  'oil',
  'gas',
  'petroleum',
  'security',
  'management',
  'logistics',
  'marine',
  'maritime',
  'air',
  'airlines',
  'technology',
  'technologies',
  'construction',
  'engineering',
]);
