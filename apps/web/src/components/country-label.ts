// Countries by name with their ISO code ("Viet Nam (VN)"), named in the browser's language.
// The BFF resolves the identity's free text to the code (packages/kyc); text it does not
// recognise is shown as the identity spells it, so nothing is hidden or guessed.

const regionNames = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'none' });

/** "Canada (CA)"; the text as given when there is no code. */
export function countryLabel(text: string, code: string | null): string {
  if (code === null) return text;
  const name = regionNames.of(code);
  return name === undefined ? code : `${name} (${code})`;
}
