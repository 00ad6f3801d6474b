/**
 * `precise_amount` (minor units) from `amount` (major units, a float) and `precision`
 * (e.g. 100), for the rows that lack it (docs/cloud-contract.md §7). With a power-of-ten precision the
 * decimal point is moved in the amount's shortest decimal text, so 10.05 × 100 is exactly
 * 1005 (a float product would be 1004.9999…); digits beyond the precision round half away
 * from zero. Other precisions fall back to a rounded product.
 */
export function minorFromMajor(amount: number, precision: number): string {
  const places = Math.log10(precision);
  const text = String(Math.abs(amount));
  if (!Number.isInteger(places) || places < 0 || !/^\d+(\.\d+)?$/.test(text)) {
    return BigInt(Math.round(amount * precision)).toString();
  }
  const [whole = '0', fraction = ''] = text.split('.');
  const kept = fraction.slice(0, places).padEnd(places, '0');
  let minor = BigInt(`${whole}${kept}`);
  if ((fraction[places] ?? '0') >= '5') minor += 1n;
  return (amount < 0 && minor !== 0n ? -minor : minor).toString();
}
