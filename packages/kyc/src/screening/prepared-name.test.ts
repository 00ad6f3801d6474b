import { describe, expect, it } from 'vitest';
import { normaliseName, prepareName } from './prepared-name';

describe('name normalisation', () => {
  it('transliterates Cyrillic, Greek and diacritics to lowercase ASCII', () => {
    expect(normaliseName('Владимир Путин')).toBe('putin vladimir');
    expect(normaliseName('Αλέξης Τσίπρας')).toBe('alexis tsipras');
    expect(normaliseName('José Álvarez-García')).toBe('alvarez garcia jose');
  });

  it('removes titles and honorifics but keeps Arabic-script words that transliterate like one', () => {
    expect(normaliseName('Dr. Sheikh Ayman Haji Zawahiri')).toBe('ayman zawahiri');
    expect(normaliseName('Mr John SMITH Jr.')).toBe('john smith');
    expect(prepareName('عمر البشير').tokens.map((t) => t.text)).toEqual(['mr', 'lbshyr']);
  });

  it('ignores word order, punctuation and whitespace', () => {
    expect(normaliseName('  Smith,   John ')).toBe(normaliseName('John Smith'));
    expect(normaliseName("O'Brien, Seán")).toBe('obrien sean');
  });

  it('drops particles and legal forms from the scored words', () => {
    expect(prepareName('Bashar al-Assad').normalised).toBe('bashar assad');
    expect(prepareName('Rosneft Oil Company PJSC').normalised).toBe('rosneft oil');
  });
});
