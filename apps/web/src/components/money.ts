// Amounts arrive as integer minor units in decimal strings (they may exceed 2^53), so they are
// split with BigInt and handed to Intl as an exact decimal string: no float ever touches them.

const MINOR_UNITS = /^-?\d+$/;
const POWER_OF_TEN = /^10*$/;

export interface FormattedMoney {
  /** What to show, e.g. "$1,234.56" or "1,234.56 USDT". */
  text: string;
  /** False when the precision is unknown, so `text` shows raw minor units. */
  exact: boolean;
}

/** Digits after the point for a precision of 10^n minor units per major unit; null otherwise. */
export function fractionDigits(precision: number | null): number | null {
  if (precision === null || !Number.isInteger(precision) || precision < 1) return null;
  const digits = String(precision);
  return POWER_OF_TEN.test(digits) ? digits.length - 1 : null;
}

/** "-123456" with 2 digits → "-1234.56"; exact for any length. */
export function minorToDecimal(minor: string, digits: number): Intl.StringNumericLiteral {
  if (!MINOR_UNITS.test(minor)) throw new RangeError(`Not an amount in minor units: ${minor}`);
  const negative = minor.startsWith('-');
  const value = BigInt(negative ? minor.slice(1) : minor);
  const scale = 10n ** BigInt(digits);
  const whole = (value / scale).toString();
  const fraction = (value % scale).toString().padStart(digits, '0');
  const sign = negative && value !== 0n ? '-' : '';
  const decimal = digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
  // Built from digits above, so it is a numeric literal; Intl formats such strings exactly.
  return decimal as Intl.StringNumericLiteral;
}

function currencyFormat(currency: string, digits: number, locale: string | undefined): Intl.NumberFormat | null {
  // Intl only knows three-letter codes; ledgers also hold USDT, BTC and custom units.
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  } catch {
    return null;
  }
}

/** Formats minor units by currency and precision (100 = cents). */
export function formatMoney(
  minor: string,
  precision: number | null,
  currency: string,
  locale?: string,
): FormattedMoney {
  const digits = fractionDigits(precision);
  if (digits === null) {
    const grouped = new Intl.NumberFormat(locale).format(minorToDecimal(minor, 0));
    return { text: `${grouped} ${currency} (minor units)`, exact: false };
  }
  const decimal = minorToDecimal(minor, digits);
  const format = currencyFormat(currency, digits, locale);
  if (format !== null) return { text: format.format(decimal), exact: true };
  const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return { text: `${plain.format(decimal)} ${currency}`, exact: true };
}
