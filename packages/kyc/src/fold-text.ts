import anyAscii from 'any-ascii';

/**
 * Fold free text to comparable ASCII words: transliterate (Cyrillic, Greek, Arabic,
 * diacritics...), lowercase, drop apostrophes so "O'Brien" stays one word, and turn
 * every other non-alphanumeric run into a single space.
 */
export function foldText(value: string): string {
  return anyAscii(value.normalize('NFC'))
    .toLowerCase()
    .replace(/['`\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Each word list entry folded as `foldText` does, empty results dropped (the matcher's word lists). */
export const foldWords = (words: readonly string[]): string[] => words.map(foldText).filter((w) => w !== '');
