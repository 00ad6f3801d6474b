/**
 * Jaro-Winkler similarity of two strings (0..1), with the usual prefix scale 0.1 over at
 * most four leading characters. Hand-written because it sits in the hottest loop of the
 * screening and needs no allocation beyond two small flag arrays.
 */
// Reused flag buffers: this runs hundreds of thousands of times per screening batch.
const buffers = [new Uint8Array(64), new Uint8Array(64)];
function flags(which: 0 | 1, length: number): Uint8Array {
  let buffer = buffers[which] ?? new Uint8Array(length);
  if (buffer.length < length) buffer = buffers[which] = new Uint8Array(length * 2);
  buffer.fill(0, 0, length);
  return buffer;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = flags(0, la);
  const matchedB = flags(1, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
