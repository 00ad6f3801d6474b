/**
 * Words removed before matching. Titles and honorifics say nothing about who a person
 * is; legal forms say little about which company it is. Kept short on purpose: every
 * word here is one that is never a distinguishing part of a name.
 */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'mme', 'mlle', 'dr', 'prof', 'professor', 'sir', 'dame',
  'lord', 'lady', 'rev', 'reverend', 'fr', 'sheikh', 'shaikh', 'sheik', 'shaykh', 'haji',
  'hajji', 'hadji', 'alhaji', 'alhaj', 'hajj', 'sayyid', 'imam', 'mullah', 'maulana',
  'ayatollah', 'jr', 'sr', 'ii', 'iii', 'gen', 'general', 'col', 'colonel', 'maj', 'capt',
  'captain', 'lt', 'herr', 'frau', 'senor', 'senora', 'sra', 'hon', 'excellency',
]);

export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'ltd', 'limited', 'llc', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'plc', 'gmbh', 'ag', 'sa', 'sarl', 'srl', 'spa', 'bv', 'nv', 'jsc', 'pjsc', 'ojsc',
  'cjsc', 'ooo', 'oao', 'zao', 'pao', 'fze', 'fzco', 'llp', 'lp',
]);

/**
 * Name particles ("al", "bin", "van", "de"): written, joined or left out at will across
 * transliterations, so they are neither required to match nor used as index keys.
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'bin', 'bn', 'ibn', 'bint', 'de', 'da', 'di', 'del', 'della', 'der', 'den',
  'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'do', 'of', 'the', 'and',
]);
