// Two reused rows: this runs in the hottest loop of the screening and must not allocate.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/** Levenshtein similarity: 1 - edits / longer length, 0..1. */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  if (previous.length <= b.length) {
    previous = new Int32Array(b.length * 2);
    current = new Int32Array(b.length * 2);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return 1 - (previous[b.length] ?? longer) / longer;
}
