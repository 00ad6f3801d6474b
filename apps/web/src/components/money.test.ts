import { describe, expect, it } from 'vitest';
import { formatMoney, fractionDigits, minorToDecimal } from './money';

describe('minorToDecimal', () => {
  it('splits minor units exactly, beyond what a float can hold', () => {
    expect(minorToDecimal('123456789012345678901', 2)).toBe('1234567890123456789.01');
    expect(minorToDecimal('-5', 2)).toBe('-0.05');
    expect(minorToDecimal('-0', 2)).toBe('0.00');
    expect(minorToDecimal('42', 0)).toBe('42');
  });

  it('refuses anything that is not an integer string', () => {
    expect(() => minorToDecimal('12.5', 2)).toThrow(RangeError);
  });
});

describe('fractionDigits', () => {
  it('reads powers of ten and nothing else', () => {
    expect([1, 10, 100, 1e8, 1e18].map(fractionDigits)).toEqual([0, 1, 2, 8, 18]);
    expect([null, 0, 3, 250, 0.5].map(fractionDigits)).toEqual([null, null, null, null, null]);
  });
});

describe('formatMoney', () => {
  it('formats by currency and precision', () => {
    expect(formatMoney('123456', 100, 'USD', 'en-US')).toEqual({ text: '$1,234.56', exact: true });
    expect(formatMoney('-250', 100, 'EUR', 'en-US').text).toBe('-€2.50');
    expect(formatMoney('1500', 1, 'JPY', 'en-US').text).toBe('¥1,500');
  });

  it('keeps every digit of a huge amount', () => {
    expect(formatMoney('900719925474099312345', 100, 'USD', 'en-US').text).toBe('$9,007,199,254,740,993,123.45');
  });

  it('shows a currency Intl does not know as a plain number with its code', () => {
    expect(formatMoney('123456789', 1e8, 'BTC', 'en-US').text).toMatch(/^BTC\s1\.23456789$/);
    expect(formatMoney('1000000', 1e6, 'USDT', 'en-US').text).toBe('1.000000 USDT');
  });

  it('says so when the precision is unknown rather than guessing', () => {
    expect(formatMoney('123456', null, 'USD', 'en-US')).toEqual({ text: '123,456 USD (minor units)', exact: false });
  });
});
