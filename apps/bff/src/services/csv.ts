// CSV for exports (RFC 4180) that a spreadsheet opens without running anything in it.

/**
 * Cells a spreadsheet would read as a formula (`= + - @`) or whose leading tab or carriage
 * return hides such a start: prefixed with a quote, which spreadsheets show as text
 * (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | boolean | null)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;
